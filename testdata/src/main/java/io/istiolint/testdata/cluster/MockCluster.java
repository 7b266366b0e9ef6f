package io.istiolint.testdata.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * A mock API server to try {@code istiolint lint --cluster} by hand ({@code bin/mock-cluster}): fabric8's CRUD
 * mock, with Istio's CRDs installed and the given manifests applied, and a kubeconfig that reaches it. It runs
 * until interrupted.
 *
 * <pre>
 * MockCluster [--port N] [--kubeconfig FILE] [-n NAMESPACE] [--no-istio] MANIFEST|DIR...
 * </pre>
 */
public final class MockCluster {

  private MockCluster() {}

  public static void main(String[] args) throws Exception {
    int port = 0;
    Path kubeconfig = Path.of("mock-kubeconfig.yaml");
    String namespace = "default";
    boolean istio = true;
    List<Path> manifests = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i));
        case "--kubeconfig" -> kubeconfig = Path.of(value(args, ++i));
        case "-n", "--namespace" -> namespace = value(args, ++i);
        case "--no-istio" -> istio = false;
        case "-h", "--help" -> {
          System.out.println("usage: mock-cluster [--port N] [--kubeconfig FILE] [-n NAMESPACE] [--no-istio] MANIFEST|DIR...");
          return;
        }
        default -> manifests.add(Path.of(args[i]));
      }
    }
    MockApiServer server = MockApiServer.start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    if (istio) {
      server.installIstioCrds();
    }
    int files = 0;
    for (Path manifest : yamlFiles(manifests)) {
      server.create(Files.readString(manifest), namespace);
      files++;
    }
    server.writeKubeconfig(kubeconfig, "mock", namespace);
    System.out.println("mock API server at " + server.url() + (istio ? " with Istio's CRDs" : " without Istio")
        + ", " + files + " manifest file(s) applied in namespace " + namespace);
    System.out.println("kubeconfig written: try  bin/istiolint lint --cluster --kubeconfig " + kubeconfig.toAbsolutePath());
    System.out.println("Ctrl-C stops it.");
    new CountDownLatch(1).await();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /** The files given, and the *.yaml, *.yml and *.json files under the directories given, in name order. */
  private static List<Path> yamlFiles(List<Path> given) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : given) {
      if (!Files.isDirectory(path)) {
        files.add(path);
        continue;
      }
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|json)")).sorted().forEach(files::add);
      }
    }
    return files;
  }
}
