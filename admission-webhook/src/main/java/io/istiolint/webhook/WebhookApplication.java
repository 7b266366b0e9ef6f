package io.istiolint.webhook;

import io.istiolint.cluster.ClusterWatch;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The Spring Boot application: WebFlux on Netty, HTTPS only, Micrometer's Prometheus registry. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class WebhookApplication {

  @Bean
  WebhookMetrics webhookMetrics(MeterRegistry registry, WebhookState state, ObjectProvider<ClusterWatch> watch) {
    WebhookMetrics metrics = new WebhookMetrics(registry, () -> state.ready() ? state.view().size() : 0, state);
    watch.ifAvailable(metrics::countEvents);
    return metrics;
  }

  @Bean
  ConfigView configView(WebhookState state, SourceTexts sources) {
    return new ConfigView(state, sources);
  }

  /** The Istio Config page and Kiali's API; their event streams end as the server stops, or it would wait for open pages. */
  @Bean
  RouterFunction<ServerResponse> configViewRoutes(ConfigView view) {
    return new ConfigPage(view).routes().and(new KialiApi(view).routes());
  }

  @Bean
  ApplicationListener<ContextClosedEvent> endConfigViewStreams(ConfigView view) {
    return event -> view.close();
  }

  @Bean
  RouterFunction<ServerResponse> webhookRoutes(WebhookState state, WebhookMetrics metrics) {
    Judge judge = new Judge(state::view, state.mode(), state.denyBreakingDeletes(), metrics);
    return new WebhookRoutes(judge, metrics, state::ready).routes();
  }
}
