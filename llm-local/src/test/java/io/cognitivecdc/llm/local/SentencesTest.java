package io.cognitivecdc.llm.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentencesTest {

    @Test
    void splitsAfterSentenceEndsFollowedByACapitalOrDigit() {
        assertThat(Sentences.split("Chest pain. Troponin negative x2! Discharged? 3 days of rest advised."))
                .containsExactly("Chest pain.", "Troponin negative x2!", "Discharged?", "3 days of rest advised.");
    }

    @Test
    void keepsDecimalsAbbreviationsAndInitialsInsideTheSentence() {
        assertThat(Sentences.split("Temp 38.4 C, seen by Dr. Jones and J. Smith, e.g. for review. Plan rest."))
                .containsExactly("Temp 38.4 C, seen by Dr. Jones and J. Smith, e.g. for review.", "Plan rest.");
    }

    @Test
    void lineBreaksEndSentencesAndBlankPartsAreDropped() {
        assertThat(Sentences.split("Findings\n\n- BP 128/82\n- HR 76  \n")).containsExactly("Findings", "- BP 128/82", "- HR 76");
        assertThat(Sentences.split("   ")).isEmpty();
    }

    @Test
    void aLowercaseContinuationDoesNotStartANewSentence() {
        assertThat(Sentences.split("Seen at 3 p.m. today. then reviewed.")).containsExactly("Seen at 3 p.m. today. then reviewed.");
    }
}
