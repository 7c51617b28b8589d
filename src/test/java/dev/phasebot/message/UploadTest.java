package dev.phasebot.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadTest {

    @Test
    void aPlainMarkdownNameIsKeptAsItIs() {
        assertEquals("phase-2_handoff.v1.md", new Upload("phase-2_handoff.v1.md", "t", "").filename());
    }

    @Test
    void aNameWithDirectoriesKeepsOnlyItsLastSegment() {
        assertEquals("passwd", Upload.safeFilename("../../etc/passwd"));
        assertEquals("boot.ini", Upload.safeFilename("..\\..\\windows\\boot.ini"));
    }

    @Test
    void dotsNeverMakeAParentOrAHiddenFile() {
        assertEquals("file.md", Upload.safeFilename(".."));
        assertEquals("file.md", Upload.safeFilename("../"));
        assertEquals("env", Upload.safeFilename(".env"));
        assertEquals("a.b.md", Upload.safeFilename("a...b..md"));
    }

    @Test
    void unsafeCharactersBecomeDashes() {
        assertEquals("report-rm-rf-x.md", Upload.safeFilename("report; rm -rf *x.md"));
        assertEquals("Phase-3-handoff.md", Upload.safeFilename("Phase 3 — handoff.md"));
        assertEquals("a-b.md", Upload.safeFilename("a\u0000b.md"));
    }

    @Test
    void anEmptyOrDeviceNameBecomesFileMd() {
        assertEquals("file.md", Upload.safeFilename(null));
        assertEquals("file.md", Upload.safeFilename("   "));
        assertEquals("file.md", Upload.safeFilename("CON.md"));
    }

    @Test
    void aLongNameIsClippedKeepingItsExtension() {
        String name = Upload.safeFilename("x".repeat(500) + ".md");
        assertEquals(Upload.MAX_FILENAME, name.length());
        assertEquals(".md", name.substring(name.length() - 3));
    }

    @Test
    void aSafeNameStaysAsItIsWhenMadeSafeAgainAsAStoredRowIsRead() {
        for (String hostile : List.of(
                "x".repeat(116) + ".a" + "y".repeat(10) + ".md",
                "../a/..",
                "-.-a b-.-",
                "é.md",
                "y".repeat(300),
                "a._-b.md")) {
            String once = Upload.safeFilename(hostile);
            assertEquals(once, Upload.safeFilename(once), hostile);
            assertTrue(once.matches("[A-Za-z0-9][A-Za-z0-9._-]*") && !once.contains(".."), once);
        }
    }

    @Test
    void theContentIsSentAsUtf8AndAMissingTitleIsTheFilename() {
        Upload upload = new Upload("r.md", null, "✓ done");
        assertArrayEquals("✓ done".getBytes(StandardCharsets.UTF_8), upload.bytes());
        assertEquals("r.md", upload.title());
    }
}
