package org.curationlab.data.pairs;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A caption's text from the bytes of a sidecar file or tar entry: strict UTF-8, never empty. */
final class CaptionText {
    private CaptionText() {
    }

    /**
     * @param firstLine keep only the first non-blank line (Tux Paint's sidecars put translations
     *                  on the lines after the English one)
     */
    static String of(byte[] bytes, boolean firstLine) throws BadItem {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadItem(Skip.Reason.NOT_UTF8, "bytes that are not UTF-8");
        }
        return check(text, firstLine);
    }

    /** Text already decoded (a CSV cell): U+FFFD marks bytes that were not UTF-8. */
    static String check(String text, boolean firstLine) throws BadItem {
        if (text.indexOf('\uFFFD') >= 0) {
            throw new BadItem(Skip.Reason.NOT_UTF8, "bytes that are not UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (firstLine) {
            String first = "";
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    first = line;
                    break;
                }
            }
            text = first;
        }
        text = text.strip();
        if (text.isEmpty()) {
            throw new BadItem(Skip.Reason.EMPTY_CAPTION, null);
        }
        return text;
    }
}
