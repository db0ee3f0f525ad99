package io.marketplace.integrations.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketplace.integrations.service.InstalledDescriptionTags.Values;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The installed description's tags, replaced for one account, without HTTP or a database. */
class InstalledDescriptionTagsTest {

    private static final Values ACCOUNT = new Values(2002, "buyer", "u-7", "5f0e2d4c-1a2b-4c3d-8e9f-001122334455", "crm_sync");

    @Test
    void replacesEveryKnownTagEveryTime() {
        assertEquals("Hi buyer (2002), user u-7: crm_sync / 5f0e2d4c-1a2b-4c3d-8e9f-001122334455, again buyer",
                InstalledDescriptionTags.render("Hi #ACCOUNT_SUBDOMAIN# (#ACCOUNT_ID#), user #USER_ID#: #WIDGET_CODE# / "
                        + "#CLIENT_ID#, again #ACCOUNT_SUBDOMAIN#", ACCOUNT));
    }

    @Test
    void leavesUnknownTagsAndLoneHashesAsWritten() {
        assertEquals("#UNKNOWN# # #account_id# 2002", InstalledDescriptionTags.render("#UNKNOWN# # #account_id# #ACCOUNT_ID#",
                ACCOUNT));
    }

    @Test
    void namesTheUnknownTagsInOrderOnce() {
        assertEquals(List.of("#FOO#", "#BAR#"), List.copyOf(InstalledDescriptionTags.unknownTags("#FOO# #ACCOUNT_ID# #BAR# #FOO#")));
    }

    @Test
    void aMissingSubdomainOrUserBecomesEmpty() {
        assertEquals("[][]", InstalledDescriptionTags.render("[#ACCOUNT_SUBDOMAIN#][#USER_ID#]",
                new Values(1, null, null, "c", "w")));
    }
}
