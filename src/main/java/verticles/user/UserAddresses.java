package verticles.user;

/** The user domain's event-bus addresses (docs/eventbus.md). */
public final class UserAddresses {
  public static final String REGISTER = "user.register";
  public static final String LOGIN = "user.login";
  public static final String GET = "user.get";
  public static final String GET_MANY = "user.getMany";

  private UserAddresses() {
  }
}
