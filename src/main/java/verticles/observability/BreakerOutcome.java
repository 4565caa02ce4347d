package verticles.observability;

import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.circuitbreaker.TimeoutException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/** How a call through a circuit breaker ended, as the {@code outcome} label of {@code vertok_breaker_calls_total}. */
public enum BreakerOutcome {
  /** The domain answered. */
  SUCCESS,
  /** The domain answered with a business failure (400–499): an answer, not a fault. */
  REFUSED,
  /** The domain failed (500 and up, 503 included) or the call failed otherwise. */
  FAILURE,
  /** No node serves the domain now. */
  NO_HANDLER,
  /** No answer in time. */
  TIMEOUT,
  /** The circuit was open: the call was not made. */
  OPEN;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static BreakerOutcome of(Throwable failure) {
    if (failure == null) {
      return SUCCESS;
    }
    if (failure instanceof OpenCircuitException) {
      return OPEN;
    }
    if (failure instanceof TimeoutException) {
      return TIMEOUT;
    }
    if (failure instanceof ReplyException r) {
      if (r.failureType() == ReplyFailure.TIMEOUT) {
        return TIMEOUT;
      }
      if (r.failureType() == ReplyFailure.NO_HANDLERS) {
        return NO_HANDLER;
      }
      return r.failureCode() >= 400 && r.failureCode() < 500 ? REFUSED : FAILURE;
    }
    return FAILURE;
  }
}
