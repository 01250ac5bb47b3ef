package dev.tavern.scheduler.event;

import dev.tavern.scheduler.event.EventViews.EventView;
import dev.tavern.scheduler.event.EventViews.HostEventView;
import dev.tavern.scheduler.tenant.TenantContext;

/** An event loaded once for a request, with the tenant it was found under: every view of it derives from this. */
public record LoadedEvent(TenantContext tenant, EventState state) {

    public EventView view() {
        return state.view(tenant);
    }

    /** 401 without a host token, 403 with a wrong one. */
    public HostEventView hostView(String hostToken) {
        EventStore.requireHost(state.event(), hostToken);
        return new HostEventView(view(), state.event().fromUrl, state.event().fromUrlId, state.previews());
    }

    public String link() {
        return tenant.link("/e/" + state.event().slug);
    }
}
