package verticles.events;

/** The event-bus address of the events relay (docs/eventbus.md). */
public final class EventsAddresses {
  /** Any relay's view: transport, broker UP/DOWN, whether it relays, outbox backlog, dead events. */
  public static final String STATUS = "events.status";

  private EventsAddresses() {
  }
}
