package io.github.vulcanscraper.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ScrapeOrderTest {
  private static final class E extends ScrapeOrder.Entry {
    final String name;

    E(String name) {
      this.name = name;
    }
  }

  @Test
  void theNextScrapeIsOfferedThePreviousOrder() {
    ScrapeOrder<E> order = new ScrapeOrder<>();
    E a = new E("a");
    E b = new E("b");
    order.start();
    assertThat(order.next()).isNull();
    order.useFound(a);
    order.useFound(b);
    order.finish();
    order.start();
    assertThat(order.next()).isSameAs(a);
    order.useNext(a);
    assertThat(order.next()).isSameAs(b);
    order.useNext(b);
    assertThat(order.next()).isNull();
  }

  @Test
  void anEntryFoundElsewhereMovesTheCursorAfterIt() {
    ScrapeOrder<E> order = new ScrapeOrder<>();
    E a = new E("a");
    E b = new E("b");
    E c = new E("c");
    order.start();
    order.useFound(a);
    order.useFound(b);
    order.useFound(c);
    order.finish();
    order.start();
    order.useFound(b); // a went away
    assertThat(order.next()).isSameAs(c);
    assertThat(order.previousIndex(c)).isEqualTo(2);
  }

  @Test
  void remembersWhichEntriesTheLastScrapeUsedOnceEach() {
    ScrapeOrder<E> order = new ScrapeOrder<>();
    E a = new E("a");
    E b = new E("b");
    order.start();
    order.useFound(a);
    order.useFound(b);
    order.finish();
    order.start();
    order.useFound(b);
    order.useFound(b);
    order.finish();
    assertThat(order.wasUsed(b)).isTrue();
    assertThat(order.wasUsed(a)).isFalse();
    assertThat(order.previousCount()).isEqualTo(1);
    assertThat(order.previous(0).name).isEqualTo("b");
    assertThat(order.previousIndex(b)).isZero();
  }

  @Test
  void clearForgetsThePreviousOrder() {
    ScrapeOrder<E> order = new ScrapeOrder<>();
    order.start();
    order.useFound(new E("a"));
    order.finish();
    order.clear();
    order.start();
    assertThat(order.next()).isNull();
    assertThat(order.previousCount()).isZero();
  }
}
