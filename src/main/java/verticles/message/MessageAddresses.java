package verticles.message;

/** The message domain's event-bus addresses (docs/eventbus.md). */
public final class MessageAddresses {
  public static final String SEND = "message.send";
  public static final String CHAT = "message.chat";
  public static final String LATEST = "message.latest";

  private MessageAddresses() {
  }
}
