package verticles.user;

/** The user domain's event-bus addresses (docs/eventbus.md); other packages call them through {@link UserClient}. */
final class UserAddresses {
  static final String REGISTER = "user.register";
  static final String LOGIN = "user.login";
  static final String GET = "user.get";
  static final String GET_MANY = "user.getMany";
  static final String OPERATOR_LOGIN = "user.operatorLogin";

  private UserAddresses() {
  }
}
