package verticles.message;

/** The message domain's event-bus addresses (docs/eventbus.md); other packages use them through {@link MessageClient}. */
final class MessageAddresses {
  static final String SEND = "message.send";
  static final String CHAT = "message.chat";
  static final String LATEST = "message.latest";

  private MessageAddresses() {
  }
}
