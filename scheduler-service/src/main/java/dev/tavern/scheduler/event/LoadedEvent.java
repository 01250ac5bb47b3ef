package dev.tavern.scheduler.event;

import dev.tavern.scheduler.event.EventViews.EventView;
import dev.tavern.scheduler.event.EventViews.HostEventView;
import dev.tavern.scheduler.tenant.TenantContext;

/** An event loaded once for a request, with the tenant it was found under: every view of it derives from this. */
public record LoadedEvent(TenantContext tenant, EventState state) {

    public EventView view() {
        return state.view(tenant);
    }

    /** For a caller proven to be the host. */
    public HostEventView hostView() {
        return new HostEventView(view(), state.event().fromUrl, state.event().fromUrlId, state.previews());
    }

    public String link() {
        return tenant.link("/e/" + state.event().slug);
    }
}
