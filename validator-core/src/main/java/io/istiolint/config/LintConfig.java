package io.istiolint.config;

import io.istiolint.api.Severity;
import io.istiolint.engine.FailOn;
import io.istiolint.engine.Policy;
import io.istiolint.mesh.MeshConfig;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.mesh.ProxyVersions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code .istiolint.yaml} says (see {@link ConfigLoader} for the format). Settings it leaves out are
 * null or empty; command-line flags override what it says.
 *
 * @param file      the file read, or null when there is none
 * @param rules     per rule code, whether it runs and at what severity
 * @param failOn    the threshold, or null for the default (or the flag)
 * @param docsUrl   where the rule pages are ({@code <docsUrl>IL0101.md}), for links in SARIF output
 */
public record LintConfig(Path file, Map<String, RuleSetting> rules, List<String> ignorePaths, List<String> ignoreResources,
    MeshFacts mesh, FailOn failOn, boolean allowInlineSuppressions, String docsUrl) {

  /** The rule pages of this project. */
  public static final String DEFAULT_DOCS_URL = "https://github.com/istiolint/istiolint/blob/main/docs/rules/";

  /** No config file: every default. */
  public static final LintConfig NONE = new LintConfig(null, Map.of(), List.of(), List.of(), MeshFacts.NONE, null, true,
      DEFAULT_DOCS_URL);

  public LintConfig {
    rules = Map.copyOf(rules);
    ignorePaths = List.copyOf(ignorePaths);
    ignoreResources = List.copyOf(ignoreResources);
  }

  /** A rule's setting: {@code enabled} and {@code severity} are null where the config does not change them. */
  public record RuleSetting(Boolean enabled, Severity severity) {}

  /**
   * Facts about the mesh the configuration is for.
   *
   * @param proxyVersions Istio proxy versions running in the mesh
   * @param istioVersion  the control plane's version, or null
   * @param domainSuffix  the cluster's DNS domain, or null for {@code cluster.local}
   * @param meshConfig    a MeshConfig file (resolved against the config file's directory), or null
   */
  public record MeshFacts(List<String> proxyVersions, String istioVersion, String domainSuffix, Path meshConfig) {
    public static final MeshFacts NONE = new MeshFacts(List.of(), null, null, null);

    public MeshFacts {
      proxyVersions = List.copyOf(proxyVersions);
    }
  }

  /** The engine policy this config asks for. */
  public Policy policy() {
    Set<String> disabled = new HashSet<>();
    Map<String, Severity> severities = new TreeMap<>();
    rules.forEach((code, setting) -> {
      if (Boolean.FALSE.equals(setting.enabled())) {
        disabled.add(code);
      }
      if (setting.severity() != null) {
        severities.put(code, setting.severity());
      }
    });
    Path base = file == null ? Path.of("") : file.toAbsolutePath().getParent();
    return new Policy(disabled, severities, allowInlineSuppressions, base, ignorePaths, ignoreResources,
        failOn == null ? FailOn.ERROR : failOn);
  }

  /**
   * The mesh facts this config gives, over Istio's defaults: proxy versions and the Istio version (source
   * "config"), domain suffix. Its MeshConfig file is read by the caller, which reports its errors.
   */
  public MeshInfo meshInfo() {
    List<String> versions = new ArrayList<>(mesh.proxyVersions());
    if (mesh.istioVersion() != null) {
      versions.add(mesh.istioVersion());
    }
    ProxyVersions proxies = versions.isEmpty() ? ProxyVersions.NONE : ProxyVersions.of(versions, "config");
    String suffix = mesh.domainSuffix() == null ? MeshInfo.DEFAULTS.domainSuffix() : mesh.domainSuffix();
    return new MeshInfo(proxies, MeshConfig.DEFAULTS, suffix);
  }
}
