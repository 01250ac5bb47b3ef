package dev.tavern.vtt.tenant;

import jakarta.enterprise.context.RequestScoped;

/** The tenant whose admin key authenticated this management request. */
@RequestScoped
public class CurrentTenant {

    private String id;

    void set(String id) {
        this.id = id;
    }

    public String id() {
        if (id == null) {
            throw new IllegalStateException("No tenant authenticated this request");
        }
        return id;
    }
}
