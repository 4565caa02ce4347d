package verticles.common.db;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CounterSlotsTest {

  @Test
  void aCounterWrittenRarelyStaysInSlotZero() {
    CounterSlots slots = new CounterSlots();
    for (int i = 0; i < CounterSlots.HOT_WRITES - 1; i++) {
      assertEquals(0, slots.slot(7, 100 + i, 5_000 + i));
    }
    // The next second starts counting again.
    for (int i = 0; i < CounterSlots.HOT_WRITES - 1; i++) {
      assertEquals(0, slots.slot(7, 200 + i, 6_500 + i));
    }
  }

  @Test
  void aHotCounterSpreadsOverTheActorsSlotsAndCoolsDownWhenTheWritesStop() {
    CounterSlots slots = new CounterSlots();
    for (int i = 0; i < CounterSlots.HOT_WRITES - 1; i++) {
      slots.slot(7, i, 10_000);
    }
    Set<Integer> used = new HashSet<>();
    for (long actor = 0; actor < 3L * CounterSlots.SLOTS; actor++) {
      int slot = slots.slot(7, actor, 10_500);
      assertEquals(CounterSlots.of(actor), slot, "one actor, one slot");
      used.add(slot);
    }
    assertEquals(CounterSlots.SLOTS, used.size(), "every slot in use");
    assertEquals(CounterSlots.of(5), slots.slot(7, 5, 11_200), "hot in the next second too");
    assertEquals(0, slots.slot(7, 5, 13_000), "cold again after a quiet second");
    assertEquals(0, slots.slot(8, 5, 11_200), "other counters are cold");
  }
}
