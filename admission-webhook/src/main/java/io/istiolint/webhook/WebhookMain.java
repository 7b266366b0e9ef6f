package io.istiolint.webhook;

import io.istiolint.config.ConfigException;
import io.istiolint.config.ConfigLoader;
import io.istiolint.config.LintConfig;
import io.istiolint.engine.Linter;
import io.istiolint.engine.LiveView;
import io.istiolint.index.Completeness;
import io.istiolint.load.InputCollector;
import io.istiolint.load.LoadLimits;
import io.istiolint.mesh.MeshConfigLayer;
import io.istiolint.mesh.MeshConfigLoader;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code istiolint-webhook}: reads its view, sets up TLS and starts the HTTPS server. */
@Command(name = "istiolint-webhook", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Validating admission webhook: checks Istio objects against the rest of the mesh before the API server stores them.")
public final class WebhookMain implements Callable<Integer> {

  static final int USAGE = 2;
  static final int IO_ERROR = 3;

  @Option(names = "--snapshot", paramLabel = "PATH", required = true,
      description = "Manifests (files or directories; repeatable) that make the view requests are judged against:"
          + " all the cluster holds, so what they lack does not exist (as lint --complete).")
  List<String> snapshot = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
      description = "Namespace of snapshot objects that name none (default: ${DEFAULT-VALUE}).")
  String namespace;

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

  private ConfigurableApplicationContext context;

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
    Linter.Options options = new Linter.Options(namespace, LoadLimits.DEFAULT, true, lintConfig.meshInfo(), meshFile);
    InputCollector.Inputs inputs;
    try {
      inputs = InputCollector.collect(snapshot);
    } catch (InputCollector.MissingPathException e) {
      err.println("istiolint-webhook: --snapshot: " + e.getMessage());
      return new Started(null, USAGE, null);
    }
    Linter.Loaded loaded = Linter.load(inputs.sources(), options);
    if (!loaded.inputErrors().isEmpty()) {
      loaded.inputErrors().forEach(e -> err.println("istiolint-webhook: --snapshot " + e));
      return new Started(null, IO_ERROR, null);
    }
    loaded.documents().stream().filter(d -> d.syntaxError() != null).forEach(d -> err.println(
        "istiolint-webhook: warning: skipped a snapshot document: " + d.syntaxError().location() + ": " + d.syntaxError().message()));

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

    WebhookState state = new WebhookState(mode, denyBreakingDeletes);
    state.setView(new LiveView(BuiltInRules.engine(), CrdSchemaCatalog.bundledIstio(), options, lintConfig.policy(),
        Completeness.Coverage.files(true), loaded.resources()));
    SpringApplication app = new SpringApplication(WebhookApplication.class);
    app.setDefaultProperties(properties(certificate, key));
    app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("webhookState", state));
    ConfigurableApplicationContext started = app.run();
    int actualPort = started.getEnvironment().getProperty("local.server.port", Integer.class, port);
    err.println("istiolint-webhook: serving https://0.0.0.0:" + actualPort + "/validate, mode " + mode.name().toLowerCase()
        + ", view of " + state.view().size() + " objects from " + inputs.sources().size() + " files");
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
