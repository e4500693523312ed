package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.countersign.treaty.model.Treaty;
import org.junit.jupiter.api.Test;

/** A treaty file given to the options sets the treaty id and participants, or must agree. */
class ServerOptionsTreatyTest {
  static final Treaty NEW_START = ComplianceEndToEndTest.newStart();

  @Test
  void build_withTreaty_takesItsIdAndParticipants() {
    ServerOptions o = ServerOptions.builder().dataDir(Path.of("x")).treaty(NEW_START).build();
    assertThat(o.treatyId()).isEqualTo("new-start");
    assertThat(o.participants()).isEqualTo(Set.of("US", "RU"));
    assertThat(o.origin()).isEqualTo("countersign.local/new-start");
    assertThat(o.treaty()).containsSame(NEW_START);
    assertThat(ServerOptions.builder().dataDir(Path.of("x")).build().treaty()).isEmpty();
  }

  @Test
  void build_treatyDisagreeingWithIdOrParticipants_refusedNamingBoth() {
    assertThatThrownBy(
            () ->
                ServerOptions.builder()
                    .dataDir(Path.of("x"))
                    .treatyId("other")
                    .treaty(NEW_START)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("treaty id \"other\" differs from the treaty file's \"new-start\"");
    assertThatThrownBy(
            () ->
                ServerOptions.builder()
                    .dataDir(Path.of("x"))
                    .participants(Set.of("US"))
                    .treaty(NEW_START)
                    .build())
        .hasMessageStartingWith("participants [US] differ from the treaty file's");
    assertThat(
            ServerOptions.builder()
                .dataDir(Path.of("x"))
                .treatyId("new-start")
                .participants(Set.of("RU", "US"))
                .treaty(NEW_START)
                .build()
                .treatyId())
        .isEqualTo("new-start");
  }
}
