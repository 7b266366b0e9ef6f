package io.istiolint.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.api.model.Container;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The manifests under deploy/ fit together and fit the webhook: what a reviewer would check by hand. */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final List<HasMetadata> OBJECTS = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    KubernetesSerialization serialization = new KubernetesSerialization();
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          Object loaded = serialization.unmarshal(in);
          if (loaded instanceof List<?> list) {
            list.forEach(o -> OBJECTS.add((HasMetadata) o));
          } else {
            OBJECTS.add((HasMetadata) loaded);
          }
        }
      }
    }
  }

  private static <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = OBJECTS.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  @Test
  void theWebhookIsSafeToRegister() {
    ValidatingWebhook webhook = one(ValidatingWebhookConfiguration.class).getWebhooks().get(0);

    assertThat(webhook.getSideEffects()).isEqualTo("None");
    assertThat(webhook.getTimeoutSeconds()).isEqualTo(5);
    assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
    assertThat(webhook.getFailurePolicy()).isIn("Ignore", "Fail");
    assertThat(webhook.getClientConfig().getService().getPath()).isEqualTo("/validate");
    assertThat(webhook.getNamespaceSelector().getMatchExpressions().get(0).getValues())
        .contains("kube-system", "istio-system", one(Deployment.class).getMetadata().getNamespace());
    assertThat(webhook.getRules()).flatExtracting(r -> r.getApiGroups()).contains("networking.istio.io", "telemetry.istio.io");
    Service service = one(Service.class);
    assertThat(webhook.getClientConfig().getService().getName()).isEqualTo(service.getMetadata().getName());
    assertThat(webhook.getClientConfig().getService().getNamespace()).isEqualTo(service.getMetadata().getNamespace());
  }

  @Test
  void theDeploymentRunsTheWebhookHardened() {
    Deployment deployment = one(Deployment.class);
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(one(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    // Every argument is one the webhook takes.
    new CommandLine(new WebhookMain()).parseArgs(container.getArgs().toArray(String[]::new));
    assertThat(container.getArgs()).contains("--cluster");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getLivenessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
  }

  @Test
  void itReadsWithTheReadOnlyRoleUnderItsOwnAccount() {
    ClusterRoleBinding binding = one(ClusterRoleBinding.class);
    ClusterRole role = one(ClusterRole.class);
    Deployment deployment = one(Deployment.class);

    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects().get(0).getName()).isEqualTo(deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
    assertThat(role.getRules()).allSatisfy(rule -> assertThat(rule.getVerbs()).isSubsetOf("get", "list", "watch"));
  }

  @SuppressWarnings("unchecked")
  @Test
  void theCertificateNamesTheService() {
    GenericKubernetesResource certificate = OBJECTS.stream().filter(o -> o.getKind().equals("Certificate"))
        .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
    Service service = one(Service.class);
    String host = service.getMetadata().getName() + "." + service.getMetadata().getNamespace() + ".svc";

    assertThat((List<String>) ((Map<String, Object>) certificate.getAdditionalProperties().get("spec")).get("dnsNames")).contains(host);
    assertThat(one(ValidatingWebhookConfiguration.class).getMetadata().getAnnotations().get("cert-manager.io/inject-ca-from"))
        .isEqualTo(certificate.getMetadata().getNamespace() + "/" + certificate.getMetadata().getName());
  }
}
