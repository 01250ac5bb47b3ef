package dev.tavern.scheduler.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.io.StringReader;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.scheduler.SchedulerApi;
import dev.tavern.scheduler.SchedulerApi.Created;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** The .ics of a finalized event, read back by an independent iCalendar library. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class CalendarTest {

    private final SchedulerApi api = SchedulerApi.defaultTenant();

    @Test
    void aFinalizedEventHasAStableEntryWhoseSequenceGrowsWithLocationChanges() throws Exception {
        Created event = api.createWithSlots("Raid Night; the return, part 2", 1, null, 2, null);
        long slot = api.slotIds(event.slug()).get(1);
        api.request().when().get("/e/" + event.slug() + "/calendar.ics").then().statusCode(409);
        api.finalizeAt(event, slot, "Blackrock Depths, level 2").statusCode(200);

        VEvent first = calendarEntry(event);
        assertThat(value(first, Property.DTSTART)).isEqualTo("20270302T180000Z");
        assertThat(value(first, Property.DTEND)).isEqualTo("20270302T220000Z");
        assertThat(value(first, Property.SUMMARY)).isEqualTo("Raid Night; the return, part 2");
        assertThat(value(first, Property.LOCATION)).isEqualTo("Blackrock Depths, level 2");
        assertThat(value(first, Property.SEQUENCE)).isEqualTo("0");
        assertThat(value(first, Property.URL)).endsWith("/e/" + event.slug());

        api.asHost(event, "PUT", "/location", Map.of("location", "Molten Core")).statusCode(200);

        VEvent second = calendarEntry(event);
        assertThat(value(second, Property.UID)).isEqualTo(value(first, Property.UID));
        assertThat(value(second, Property.LOCATION)).isEqualTo("Molten Core");
        assertThat(value(second, Property.SEQUENCE)).isEqualTo("1");
    }

    private VEvent calendarEntry(Created event) throws Exception {
        String ics = api.request().when().get("/e/" + event.slug() + "/calendar.ics").then().statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        return calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).orElseThrow(() -> new AssertionError("No " + property)).getValue();
    }
}
