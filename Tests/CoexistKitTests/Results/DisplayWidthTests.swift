import Testing
@testable import CoexistKit

@Suite struct DisplayWidthTests {
    @Test func asciiCountsOnePerCharacter() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("Oslo HQ") == 7)
    }

    @Test func precomposedAndCombiningAccentsAreOneCell() {
        #expect(DisplayWidth.of("é") == 1)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("Zoë") == 3)
    }

    @Test func eastAsianWideAndFullwidthAreTwoCells() {
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("서울") == 4)
        #expect(DisplayWidth.of("ＡＢ") == 4)
        #expect(DisplayWidth.of("カ") == 2)
        // Halfwidth katakana stays narrow.
        #expect(DisplayWidth.of("ｶ") == 1)
    }

    @Test func emojiSequencesAreOneWideGlyph() {
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)
        #expect(DisplayWidth.of("🇳🇴") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("❤") == 1)
    }

    @Test func invisibleCharactersTakeNoCells() {
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of("a\u{200D}") == 1)
    }

    @Test func mixedScriptsAddUp() {
        #expect(DisplayWidth.of("東京 HQ") == 7)
        #expect(DisplayWidth.of("Café 東京 😀") == 4 + 1 + 4 + 1 + 2)
    }
}
