package io.istiolint.cluster;

/**
 * Why a cluster read stopped, as one line that names the API server or the kubeconfig file and can be
 * printed as it is. It carries no stack trace: every cause it stands for is the user's to fix, not a bug.
 */
public final class ClusterException extends Exception {

  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message, null, false, false);
  }
}
