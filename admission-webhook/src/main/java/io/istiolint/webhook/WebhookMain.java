package io.istiolint.webhook;

import io.istiolint.cluster.ClusterException;
import io.istiolint.cluster.ClusterInput;
import io.istiolint.cluster.ClusterSnapshot;
import io.istiolint.cluster.ClusterWatch;
import io.istiolint.config.ConfigException;
import io.istiolint.config.ConfigLoader;
import io.istiolint.config.LintConfig;
import io.istiolint.engine.Linter;
import io.istiolint.engine.LiveView;
import io.istiolint.engine.Policy;
import io.istiolint.index.Completeness;
import io.istiolint.load.InputCollector;
import io.istiolint.load.LoadLimits;
import io.istiolint.mesh.MeshConfigLayer;
import io.istiolint.mesh.MeshConfigLoader;
import io.istiolint.model.Resource;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import io.istiolint.schemas.SchemaCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code istiolint-webhook}: reads its view, sets up TLS and starts the HTTPS server. */
@Command(name = "istiolint-webhook", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Validating admission webhook: checks Istio objects against the rest of the mesh before the API server stores them.")
public final class WebhookMain implements Callable<Integer> {

  static final int USAGE = 2;
  static final int IO_ERROR = 3;

  @Option(names = "--snapshot", paramLabel = "PATH",
      description = "Manifests (files or directories; repeatable) that make the view requests are judged against:"
          + " all the cluster holds, so what they lack does not exist (as lint --complete).")
  List<String> snapshot = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "With --snapshot: the namespace of objects that name none (default: default); with --cluster: the"
          + " namespaces to watch (repeatable; default: the context's).")
  List<String> namespaces = new ArrayList<>();

  @Option(names = "--cluster", description = "Keep the view from the cluster with informers (kubeconfig as kubectl finds it,"
      + " or the pod's service account).")
  boolean cluster;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "With --cluster: the kubeconfig to use.")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "With --cluster: the kubeconfig context to use.")
  String kubeContext;

  @Option(names = {"-A", "--all-namespaces"}, description = "With --cluster: watch every namespace.")
  boolean allNamespaces;

  @Option(names = "--watch-secrets", description = "With --cluster: also keep the Secrets of the namespaces watched, for the"
      + " Gateway credential checks (default: those checks stay unverified).")
  boolean watchSecrets;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "With --cluster: how long the first list of the cluster may take (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--port", defaultValue = "8443", description = "HTTPS port (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(names = "--tls-cert", paramLabel = "FILE", description = "Certificate chain, PEM (reloaded when the file changes).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Private key, PEM (reloaded when the file changes).")
  Path tlsKey;

  @Option(names = "--self-signed", description = "Issue a self-signed certificate for this run and print its caBundle.")
  boolean selfSigned;

  @Option(names = "--service", paramLabel = "NAME.NAMESPACE", defaultValue = "istiolint-webhook.istiolint",
      description = "The webhook's Service, named in the self-signed certificate (default: ${DEFAULT-VALUE}).")
  String service;

  @Option(names = "--mode", defaultValue = "enforce", converter = ModeConverter.class,
      description = "enforce (errors deny), warn (errors are warnings) or audit (only metrics); a Namespace label "
          + Judge.MODE_LABEL + " overrides it (default: ${DEFAULT-VALUE}).")
  Judge.Mode mode;

  @Option(names = "--deny-breaking-deletes",
      description = "Deny a DELETE that leaves other objects referring to nothing (default: allow, with warnings).")
  boolean denyBreakingDeletes;

  @Option(names = "--config", paramLabel = "FILE", description = "The .istiolint.yaml to apply (rules, severities, mesh facts).")
  Path config;

  /** Reads {@code enforce}, {@code warn}, {@code audit}, in any case. */
  static final class ModeConverter implements CommandLine.ITypeConverter<Judge.Mode> {
    @Override
    public Judge.Mode convert(String value) {
      try {
        return Judge.Mode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a mode: enforce, warn or audit");
      }
    }
  }

  /** Changes arriving within this long of each other make one new view. */
  private static final Duration QUIET_PERIOD = Duration.ofMillis(200);

  private ConfigurableApplicationContext context;
  private ClusterWatch watch;

  /** The view of a cluster snapshot: its objects, what its read covers, and its own Istio CRDs' schemas. */
  static LiveView viewOf(ClusterSnapshot snapshot, Linter.Options options, Policy policy) {
    Linter.Cluster live = ClusterInput.of(snapshot);
    List<Resource> resources = new ArrayList<>(live.resources());
    resources.addAll(live.context());
    SchemaCatalog schemas = live.crds().isEmpty() ? CrdSchemaCatalog.bundledIstio()
        : CrdSchemaCatalog.fromCrds("the Istio CRDs served by cluster " + live.name(), live.crds());
    return new LiveView(BuiltInRules.engine(), schemas, options, policy, new Completeness.Coverage(false, live.coverage()), resources);
  }

  public static void main(String[] args) {
    WebhookMain main = new WebhookMain();
    int code = new CommandLine(main).execute(args);
    if (code != 0 || main.context == null) {
      System.exit(code);
    }
  }

  /** Starts the server and returns 0, leaving it running; a startup mistake returns its exit code. */
  @Override
  public Integer call() throws IOException {
    PrintWriter err = new PrintWriter(System.err, true);
    Started started = start(err);
    if (started.exitCode() != 0) {
      return started.exitCode();
    }
    context = started.context();
    if (started.caBundle() != null) {
      System.out.println("caBundle: " + started.caBundle());
    }
    return 0;
  }

  /** The running server, or the exit code of why it did not start. */
  record Started(ConfigurableApplicationContext context, int exitCode, String caBundle) {}

  Started start(PrintWriter err) throws IOException {
    if (selfSigned == (tlsCert != null) || (tlsCert == null) != (tlsKey == null)) {
      err.println("istiolint-webhook: give --tls-cert and --tls-key, or --self-signed");
      return new Started(null, USAGE, null);
    }
    LintConfig lintConfig = LintConfig.NONE;
    if (config != null) {
      try {
        lintConfig = ConfigLoader.load(config, BuiltInRules.catalogue());
      } catch (ConfigException e) {
        err.println("istiolint-webhook: " + e.getMessage());
        return new Started(null, USAGE, null);
      }
    }
    List<MeshConfigLayer> meshFile = List.of();
    if (lintConfig.mesh().meshConfig() != null) {
      try {
        meshFile = MeshConfigLoader.readFile(lintConfig.mesh().meshConfig(), lintConfig.mesh().meshConfig().toString());
      } catch (MeshConfigLoader.InvalidMeshConfigException e) {
        e.problems().forEach(p -> err.println("istiolint-webhook: mesh config " + p));
        return new Started(null, USAGE, null);
      }
    }
    if (cluster == !snapshot.isEmpty()) {
      err.println("istiolint-webhook: give --snapshot PATH... or --cluster");
      return new Started(null, USAGE, null);
    }
    WebhookState state = new WebhookState(mode, denyBreakingDeletes);
    SourceTexts sourceTexts = SourceTexts.NONE;
    String from;
    if (cluster) {
      Linter.Options options = new Linter.Options("default", LoadLimits.DEFAULT, false, lintConfig.meshInfo(), meshFile);
      Policy policy = lintConfig.policy();
      ClusterWatch.Request request = new ClusterWatch.Request(kubeconfig, kubeContext, namespaces, allNamespaces, watchSecrets,
          Duration.ofSeconds(timeoutSeconds));
      try {
        watch = ClusterWatch.start(request, QUIET_PERIOD, new ClusterFollower(state, options, policy, err));
      } catch (ClusterException e) {
        err.println("istiolint-webhook: " + e.getMessage());
        return new Started(null, IO_ERROR, null);
      }
      from = "cluster " + state.view().size() + " objects, kept by informers";
    } else {
      String namespace = namespaces.isEmpty() ? "default" : namespaces.get(0);
      Linter.Options options = new Linter.Options(namespace, LoadLimits.DEFAULT, true, lintConfig.meshInfo(), meshFile);
      InputCollector.Inputs inputs;
      try {
        inputs = InputCollector.collect(snapshot);
      } catch (InputCollector.MissingPathException e) {
        err.println("istiolint-webhook: --snapshot: " + e.getMessage());
        return new Started(null, USAGE, null);
      }
      Linter.Loaded loaded = Linter.load(inputs.sources(), options);
      sourceTexts = SourceTexts.read(inputs.sources());
      if (!loaded.inputErrors().isEmpty()) {
        loaded.inputErrors().forEach(e -> err.println("istiolint-webhook: --snapshot " + e));
        return new Started(null, IO_ERROR, null);
      }
      loaded.documents().stream().filter(d -> d.syntaxError() != null).forEach(d -> err.println(
          "istiolint-webhook: warning: skipped a snapshot document: " + d.syntaxError().location() + ": " + d.syntaxError().message()));
      state.load(new LiveView(BuiltInRules.engine(), CrdSchemaCatalog.bundledIstio(), options, lintConfig.policy(),
          Completeness.Coverage.files(true), loaded.resources()));
      from = state.view().size() + " objects from " + inputs.sources().size() + " files";
    }

    Path certificate = tlsCert;
    Path key = tlsKey;
    String caBundle = null;
    if (selfSigned) {
      String[] serviceParts = service.split("\\.", 2);
      String svc = serviceParts[0];
      String ns = serviceParts.length > 1 ? serviceParts[1] : "default";
      SelfSignedCertificate issued = SelfSignedCertificate.issue(Files.createTempDirectory("istiolint-webhook-tls"),
          List.of(svc + "." + ns + ".svc", svc + "." + ns + ".svc.cluster.local", svc + "." + ns, svc, "localhost"));
      certificate = issued.certificate();
      key = issued.privateKey();
      caBundle = issued.caBundle();
    } else if (!Files.isReadable(certificate) || !Files.isReadable(key)) {
      err.println("istiolint-webhook: cannot read " + (!Files.isReadable(certificate) ? certificate : key));
      return new Started(null, IO_ERROR, null);
    }

    SpringApplication app = new SpringApplication(WebhookApplication.class);
    app.setDefaultProperties(properties(certificate, key));
    ClusterWatch informers = watch;
    SourceTexts texts = sourceTexts;
    app.addInitializers(ctx -> {
      ctx.getBeanFactory().registerSingleton("webhookState", state);
      ctx.getBeanFactory().registerSingleton("sourceTexts", texts);
      if (informers != null) {
        ctx.getBeanFactory().registerSingleton("clusterWatch", informers);
        ctx.addApplicationListener(new ApplicationListener<ContextClosedEvent>() {
          @Override
          public void onApplicationEvent(ContextClosedEvent event) {
            informers.close();
          }
        });
      }
    });
    ConfigurableApplicationContext started = app.run();
    int actualPort = started.getEnvironment().getProperty("local.server.port", Integer.class, port);
    err.println("istiolint-webhook: serving https://0.0.0.0:" + actualPort + "/validate and the Istio Config page at /, mode "
        + mode.name().toLowerCase()
        + ", view of " + from);
    return new Started(started, 0, caBundle);
  }

  private Map<String, Object> properties(Path certificate, Path key) {
    Map<String, Object> p = new HashMap<>();
    p.put("server.port", port);
    p.put("server.ssl.bundle", "webhook");
    p.put("spring.ssl.bundle.pem.webhook.keystore.certificate", "file:" + certificate.toAbsolutePath());
    p.put("spring.ssl.bundle.pem.webhook.keystore.private-key", "file:" + key.toAbsolutePath());
    p.put("spring.ssl.bundle.pem.webhook.reload-on-update", true);
    // cert-manager and kubelet replace both files within moments: wait that long, then reload once.
    p.put("spring.ssl.bundle.watch.file.quiet-period", "2s");
    p.put("spring.main.banner-mode", "off");
    p.put("management.endpoints.web.base-path", "/");
    p.put("management.endpoints.web.exposure.include", "prometheus");
    p.put("management.endpoints.web.path-mapping.prometheus", "metrics");
    p.put("logging.level.root", "WARN");
    return p;
  }
}
