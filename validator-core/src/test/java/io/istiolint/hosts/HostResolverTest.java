package io.istiolint.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.hosts.HostResolver.Lookup;
import io.istiolint.hosts.HostResolver.Status;
import io.istiolint.api.Kind;
import io.istiolint.index.Completeness;
import io.istiolint.index.Reads;
import io.istiolint.index.ResourceIndex;
import io.istiolint.load.TestInputs;
import io.istiolint.mesh.MeshInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Istio's host resolution, case by case. */
class HostResolverTest {

  @TempDir
  static Path dir;

  static ResourceIndex index;
  static HostResolver resolver;

  @BeforeAll
  static void mesh() throws IOException {
    Path file = dir.resolve("mesh.yaml");
    Files.writeString(file, """
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: bookinfo}
        spec: {ports: [{port: 9080, name: http}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ratings, namespace: bookinfo}
        spec: {ports: [{port: 9080, name: http}]}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: internal
          namespace: bookinfo
          annotations: {networking.istio.io/exportTo: "."}
        spec: {ports: [{port: 80, name: http}]}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: shared
          namespace: bookinfo
          annotations: {networking.istio.io/exportTo: "shop, istio-system"}
        spec: {ports: [{port: 80, name: http}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: external, namespace: shop}
        spec:
          hosts: [api.example.com, "*.wild.example.com"]
          ports: [{number: 443, name: https, protocol: TLS}]
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: private, namespace: shop}
        spec:
          hosts: [db.internal.example.com]
          exportTo: ["."]
          ports: [{number: 5432, name: tcp, protocol: TCP}]
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: legacy, namespace: shop}
        spec:
          hosts: [legacy.shop]
          ports: [{number: 80, name: http, protocol: HTTP}]
        """);
    index = new ResourceIndex(TestInputs.resources(file), Completeness.Coverage.files(false));
    resolver = new HostResolver(index, MeshInfo.DEFAULTS);
  }

  /**
   * Answers are remembered per resolver; one read again asks the questions about the view it first asked, so
   * that a live view knows what to check again when those answers change, whoever asked first.
   */
  @Test
  void aRememberedAnswerAsksItsQuestionsAgain() {
    HostResolver fresh = new HostResolver(index, MeshInfo.DEFAULTS);
    Set<Reads.Read> asked = Reads.recordingQuestions(() -> fresh.lookup("reviews", "shop"));
    assertThat(asked).contains(new Reads.OfKind(Kind.SERVICE), new Reads.Known(Kind.SERVICE, "shop"));

    HostResolver remembering = new HostResolver(index, MeshInfo.DEFAULTS);
    Lookup first = remembering.lookup("reviews", "shop"); // asked while nothing records
    Set<Reads.Read> askedAgain = Reads.recordingQuestions(() -> remembering.lookup("reviews", "shop"));
    assertThat(askedAgain).isEqualTo(asked);
    assertThat(remembering.lookup("reviews", "shop")).isSameAs(first);

    Set<Reads.Read> choice = Reads.recordingQuestions(() -> remembering.destinationRulesFor("reviews.bookinfo.svc.cluster.local", "shop", "bookinfo"));
    assertThat(Reads.recordingQuestions(() -> remembering.destinationRulesFor("reviews.bookinfo.svc.cluster.local", "shop", "bookinfo")))
        .isEqualTo(choice).contains(new Reads.DestinationRulesOf("reviews.bookinfo.svc.cluster.local"));
  }

  @ParameterizedTest(name = "{0} from {1} → {2}")
  @CsvSource(delimiter = '|', textBlock = """
      # host                                 | from       | status     | fqdn                                   | reason or suggestion
      reviews                                | bookinfo   | FOUND      | reviews.bookinfo.svc.cluster.local     |
      reviews.bookinfo.svc.cluster.local     | shop       | FOUND      | reviews.bookinfo.svc.cluster.local     |
      reviews                                | shop       | UNVERIFIED | reviews.shop.svc.cluster.local         | no Services loaded for namespace shop
      reviews.bookinfo                       | shop       | NOT_FOUND  | reviews.bookinfo                       | reviews.bookinfo.svc.cluster.local
      reviews.bookinfo.svc                   | bookinfo   | NOT_FOUND  | reviews.bookinfo.svc                   | reviews.bookinfo.svc.cluster.local
      legacy.shop                            | shop       | FOUND      | legacy.shop                            |
      reveiws                                | bookinfo   | NOT_FOUND  | reveiws.bookinfo.svc.cluster.local     | reviews
      details.bookinfo.svc.cluster.local     | shop       | NOT_FOUND  | details.bookinfo.svc.cluster.local     | no Service details in namespace bookinfo
      internal                               | bookinfo   | FOUND      | internal.bookinfo.svc.cluster.local    |
      internal.bookinfo.svc.cluster.local    | shop       | NOT_FOUND  | internal.bookinfo.svc.cluster.local    | exportTo does not include namespace shop
      shared.bookinfo.svc.cluster.local      | shop       | FOUND      | shared.bookinfo.svc.cluster.local      |
      shared.bookinfo.svc.cluster.local      | default    | NOT_FOUND  | shared.bookinfo.svc.cluster.local      | exportTo does not include namespace default
      api.example.com                        | bookinfo   | FOUND      | api.example.com                        |
      v2.wild.example.com                    | bookinfo   | FOUND      | v2.wild.example.com                    |
      a.b.wild.example.com                   | bookinfo   | FOUND      | a.b.wild.example.com                   |
      wild.example.com                       | bookinfo   | UNVERIFIED | wild.example.com                       | not every namespace's ServiceEntries loaded
      wild.example.com                       | shop       | UNVERIFIED | wild.example.com                       | not every namespace's ServiceEntries loaded
      httpbin.org                            | shop       | UNVERIFIED | httpbin.org                            | 'may declare it for every namespace) | null'
      ratings.shop                           | shop       | NOT_FOUND  | ratings.shop                           | ratings.shop.svc.cluster.local
      db.internal.example.com                | shop       | FOUND      | db.internal.example.com                |
      db.internal.example.com                | bookinfo   | NOT_FOUND  | db.internal.example.com                | exportTo does not include namespace bookinfo
      """)
  void resolves(String host, String from, Status status, String fqdn, String detail) {
    Lookup lookup = resolver.lookup(host, from);
    assertThat(lookup.status()).isEqualTo(status);
    assertThat(lookup.fqdn()).isEqualTo(fqdn);
    if (detail != null) {
      assertThat(lookup.reason() + " | " + lookup.suggestion()).contains(detail);
    }
  }

  @ParameterizedTest(name = "{0} ~ {1}: overlap={2} covers={3}")
  @CsvSource(delimiter = '|', textBlock = """
      a.foo.com      | a.foo.com      | true  | true
      *.foo.com      | a.foo.com      | true  | true
      *.foo.com      | a.b.foo.com    | true  | true
      *.foo.com      | foo.com        | false | false
      *              | anything.io    | true  | true
      *.foo.com      | *.a.foo.com    | true  | true
      *.a.foo.com    | *.foo.com      | true  | false
      a.foo.com      | *.foo.com      | true  | false
      *.foo.com      | barfoo.com     | false | false
      """)
  void wildcards(String a, String b, boolean overlap, boolean covers) {
    assertThat(Hosts.overlap(a, b)).isEqualTo(overlap);
    assertThat(Hosts.covers(a, b)).isEqualTo(covers);
  }
}
