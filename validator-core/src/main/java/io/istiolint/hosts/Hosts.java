package io.istiolint.hosts;

/** Istio's host name matching: exact names and {@code *}-prefixed wildcards that cover any depth. */
public final class Hosts {

  private Hosts() {}

  public static boolean isWildcard(String host) {
    return host.startsWith("*");
  }

  /**
   * True when the two hosts share a name: equal, or one a wildcard covering the other ({@code *.foo.com}
   * covers {@code a.foo.com} and {@code a.b.foo.com}, not {@code foo.com}; {@code *} covers everything).
   */
  public static boolean overlap(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    if (isWildcard(a) && isWildcard(b)) {
      String sa = a.substring(1);
      String sb = b.substring(1);
      return sa.endsWith(sb) || sb.endsWith(sa);
    }
    if (isWildcard(a)) {
      return b.endsWith(a.substring(1));
    }
    return isWildcard(b) && a.endsWith(b.substring(1));
  }

  /** True when {@code declared} serves every name {@code wanted} stands for. */
  public static boolean covers(String declared, String wanted) {
    if (declared.equals(wanted)) {
      return true;
    }
    if (!isWildcard(declared)) {
      return false;
    }
    String suffix = declared.substring(1);
    return isWildcard(wanted) ? wanted.substring(1).endsWith(suffix) : wanted.endsWith(suffix);
  }
}
