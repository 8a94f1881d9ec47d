package org.curationlab.data;

import java.util.List;

/**
 * The ten Fashion-MNIST classes, in label order, with the synonyms captions draw from. Synonyms
 * make the text carry more than the label id, and give zero-shot evaluation a prompt ensemble.
 */
public enum FashionClass {
    TSHIRT("t-shirt", "tee", "top"),
    TROUSER("trousers", "pants", "jeans"),
    PULLOVER("pullover", "sweater", "jumper"),
    DRESS("dress", "gown"),
    COAT("coat", "jacket"),
    SANDAL("sandal"),
    SHIRT("shirt", "blouse"),
    SNEAKER("sneaker", "trainer", "running shoe"),
    BAG("bag", "handbag", "purse"),
    ANKLE_BOOT("ankle boot", "boot");

    public static final int COUNT = 10;

    private final List<String> synonyms;

    FashionClass(String... synonyms) {
        this.synonyms = List.of(synonyms);
    }

    /** The first synonym: the name tables and plots use. */
    public String displayName() {
        return synonyms.get(0);
    }

    public List<String> synonyms() {
        return synonyms;
    }

    public static FashionClass of(int label) {
        return values()[label];
    }
}
