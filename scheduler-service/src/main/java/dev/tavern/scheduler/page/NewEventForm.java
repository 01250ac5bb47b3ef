package dev.tavern.scheduler.page;

import java.util.List;

/** The /new form as typed: strings, so a wrong value can be shown back with its error. */
public record NewEventForm(String title, String description, String minPlayers, String maxPlayers, String timezone,
                           String fromUrl, String fromUrlId, List<Slot> slots) {

    /** Local date-times (yyyy-MM-ddTHH:mm) in the form's timezone; the keys name its errors. */
    public record Slot(int index, String start, String end) {

        public String startKey() {
            return "slots[" + index + "].start";
        }

        public String endKey() {
            return "slots[" + index + "].end";
        }
    }

    static NewEventForm prefilled(String title, String description, String minPlayers, String maxPlayers,
                                  String fromUrl, String fromUrlId) {
        return new NewEventForm(title, description, minPlayers == null ? "3" : minPlayers, maxPlayers, "UTC",
                fromUrl, fromUrlId, List.of(new Slot(0, "", "")));
    }
}
