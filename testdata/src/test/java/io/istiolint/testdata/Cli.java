package io.istiolint.testdata;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.istiolint.cli.Istiolint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in-process and captures what it prints. */
record Cli(int exitCode, String out, String err) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Istiolint.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Cli(code, out.toString(), err.toString());
  }

  /** Standard output parsed as JSON (a JSON, SARIF or Kiali report, a JSON graph or rule list). */
  JsonNode json() throws IOException {
    return JSON.readTree(out);
  }
}
