package io.istiolint.config;

/**
 * What {@code istiolint init} writes: every setting, explained, at its default or commented out. Its first line
 * points editors that speak the YAML language server's modeline (VS Code's YAML extension, IntelliJ, Neovim) at
 * the config's JSON Schema, for completion and hovers; only the editor fetches it, istiolint never does.
 */
public final class StarterConfig {

  private StarterConfig() {}

  /** The JSON Schema of the config file, {@code docs/schemas/istiolint-config.schema.json} in this repository. */
  public static final String SCHEMA_URL =
      "https://raw.githubusercontent.com/istiolint/istiolint/main/docs/schemas/istiolint-config.schema.json";

  public static final String TEXT = "# yaml-language-server: $schema=" + SCHEMA_URL + "\n" + """
      # istiolint configuration. istiolint reads the .istiolint.yaml in the working directory or the nearest
      # directory above it, or the file named with --config. Command-line flags override what is set here.
      # Every key is checked: a misspelt key or an unknown rule code is an error, not silently ignored.

      # Exit 1 when a finding is at least this severe: error, warning, info or never.
      failOn: error

      # Whether resources may suppress findings on themselves with the annotations
      #   istiolint.io/ignore: "IL0101,IL0206"            (codes or names; "IL0101: why" gives a reason)
      #   galley.istio.io/analyze-suppress: "IST0101"      (istioctl codes, through each rule's equivalents)
      # Set to false to keep deployers from silencing findings; suppressed findings are always counted.
      allowInlineSuppressions: true

      # Turn rules off or change their severity, by code or by name (`istiolint rules` lists them):
      #   on | off | error | warning | info, or {enabled: true|false, severity: error|warning|info}
      rules: {}
      #  IL0007: off
      #  deprecated-api-version: warning

      # Findings in these files and on these resources are suppressed (and counted as suppressed).
      ignore:
        # Globs relative to this file's directory; ** crosses directories.
        paths: []
        #  - vendor/**
        # Kind/namespace/name, each part may use * and ?.
        resources: []
        #  - EnvoyFilter/istio-system/*

      # Facts about the mesh the configuration is for.
      mesh: {}
      #  proxyVersions: ["1.24.2", "1.25.0"]   # Istio proxy versions running in the mesh
      #  istioVersion: "1.25.0"                # the control plane's version
      #  domainSuffix: cluster.local           # the cluster's DNS domain
      #  meshConfig: mesh-config.yaml          # a MeshConfig file, relative to this file

      # Where the rule pages are, for the links in SARIF output (<docsUrl>IL0101.md).
      # docsUrl: https://github.com/istiolint/istiolint/blob/main/docs/rules/
      """;
}
