package dev.tavern.scheduler.event;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.tavern.http.errors.ApiException;

/** A fromUrl must be an absolute http(s) URL with a host, since webhooks will be POSTed to it. */
final class FromUrls {

    private FromUrls() {
    }

    static String validated(String fromUrl) {
        String value = EventService.blankToNull(fromUrl);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getUserInfo() != null) {
                throw ApiException.invalid("fromUrl", "Must be an absolute http or https URL");
            }
            return value;
        } catch (URISyntaxException e) {
            throw ApiException.invalid("fromUrl", "Is not a valid URL");
        }
    }
}
