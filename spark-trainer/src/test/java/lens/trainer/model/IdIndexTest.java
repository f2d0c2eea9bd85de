package lens.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdIndexTest {

    @TempDir
    Path dir;

    @Test
    void givenNewIds_whenExtending_thenOldIdsKeepTheirIndexAndNewOnesAppendInAscendingOrder() {
        IdIndex first = IdIndex.empty().extendedWith(new long[] {900, 7, 7, 42});
        IdIndex second = first.extendedWith(new long[] {5, 42, Long.MAX_VALUE});

        assertThat(first.ids()).containsExactly(7, 42, 900);
        assertThat(second.ids()).containsExactly(7, 42, 900, 5, Long.MAX_VALUE);
        assertThat(second.indexOf(900)).hasValue(2);
        assertThat(second.indexOf(Long.MAX_VALUE)).hasValue(4);
        assertThat(second.indexOf(6)).isEmpty();
        assertThat(first.extendedWith(new long[] {42})).isSameAs(first);
    }

    @Test
    void givenAnIndex_whenWrittenAndRead_thenItIsTheSame() {
        IdIndex index = IdIndex.of(3, -1, 1L << 40);
        index.write(dir.resolve("index/users.txt"));
        IdIndex read = IdIndex.read(dir.resolve("index/users.txt"));
        assertThat(read.ids()).containsExactly(3, -1, 1L << 40);
        assertThat(read.idAt(2)).isEqualTo(1L << 40);
    }

    @Test
    void givenADuplicate_whenBuilding_thenItIsRefused() {
        assertThatThrownBy(() -> IdIndex.of(1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
