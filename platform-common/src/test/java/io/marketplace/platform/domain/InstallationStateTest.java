package io.marketplace.platform.domain;

import static io.marketplace.platform.domain.InstallationState.UNKNOWN;
import static io.marketplace.platform.domain.InstallationState.disabled;
import static io.marketplace.platform.domain.InstallationState.installed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstallationStateTest {

    @Test
    void anActiveInstallationAdmitsCodesOfItsOwnGenerationOnly() {
        InstallationState state = UNKNOWN.merge(installed(3));
        assertTrue(state.admits(3));
        assertFalse(state.admits(2));
        assertFalse(state.admits(4));
    }

    @Test
    void nothingIsAdmittedBeforeAnyInstall() {
        assertFalse(UNKNOWN.admits(0));
        assertFalse(UNKNOWN.admits(1));
    }

    @Test
    void aDisabledInstallationAdmitsNothing() {
        InstallationState state = UNKNOWN.merge(installed(1)).merge(disabled(1));
        assertEquals(disabled(1), state);
        assertFalse(state.admits(1));
    }

    @Test
    void aDisableIsFinalWithinItsGenerationEvenWhenTheInstallArrivesAfterIt() {
        InstallationState state = UNKNOWN.merge(disabled(1)).merge(installed(1));
        assertEquals(disabled(1), state);
        assertFalse(state.admits(1));
    }

    @Test
    void aReinstallIsANewGenerationAndTheOldOneStaysDead() {
        InstallationState state = UNKNOWN.merge(installed(1)).merge(disabled(1)).merge(installed(2));
        assertTrue(state.admits(2));
        assertFalse(state.admits(1));
    }

    @Test
    void aLateEventOfAnEarlierGenerationChangesNothing() {
        InstallationState state = UNKNOWN.merge(installed(2)).merge(disabled(1)).merge(installed(1));
        assertEquals(installed(2), state);
        assertEquals(disabled(2), state.merge(disabled(2)).merge(installed(2)).merge(installed(1)));
    }

    @Test
    void everyOrderOfTheSameEventsGivesTheSameState() {
        List<InstallationState> events = new ArrayList<>(List.of(installed(1), disabled(1), installed(2), disabled(2),
                installed(3), installed(3), disabled(1)));
        Random random = new Random(14);
        for (int round = 0; round < 200; round++) {
            Collections.shuffle(events, random);
            InstallationState state = UNKNOWN;
            for (InstallationState event : events) {
                state = state.merge(event);
            }
            assertEquals(installed(3), state, "order " + events);
        }
    }
}
