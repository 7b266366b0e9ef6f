package io.istiolint.cluster;

/**
 * The API server refused one request (403, or another error status that concerns that request only): the
 * kind or namespace it was for stays unread, and the rest of the read goes on.
 */
final class Refused extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String detail;

  /**
   * @param reason "forbidden", "HTTP 503", ...
   * @param detail the server's own message, may be empty
   */
  Refused(String reason, String detail) {
    super(reason, null, false, false);
    this.reason = reason;
    this.detail = detail;
  }

  /** For {@link KindRead#unavailable()}: "forbidden: services is forbidden: User ...". */
  String unavailable() {
    return detail.isEmpty() ? reason : reason + ": " + detail;
  }

  /** A warning line: "cannot list secrets in namespace shop: forbidden (secrets is forbidden: ...)". */
  String warning(String what) {
    return "cannot " + what + ": " + (detail.isEmpty() ? reason : reason + " (" + detail + ")");
  }
}
