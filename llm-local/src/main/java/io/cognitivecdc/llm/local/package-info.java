/**
 * Local, offline models for enrichment steps: provider type {@code local} ({@link
 * io.cognitivecdc.llm.local.LocalChatModelFactory}), model id {@code local/all-minilm-l6-v2}.
 *
 * <p>Everything rests on sentence embeddings from all-MiniLM-L6-v2 ({@link io.cognitivecdc.llm.local.MiniLmEmbedder}:
 * the quantized ONNX export and its tokenizer, taken from the langchain4j jar, run by DJL's ONNX Runtime engine; one
 * model per process):
 * <ul>
 *   <li>classification by labelled examples, a k-nearest-neighbour vote of the text's sentences with a calibrated
 *       confidence ({@link io.cognitivecdc.llm.local.NearestNeighbourClassifier}), or by the taxonomy's definitions
 *       ({@link io.cognitivecdc.llm.local.DefinitionClassifier});</li>
 *   <li>extractive summaries ({@link io.cognitivecdc.llm.local.ExtractiveSummarizer}).</li>
 * </ul>
 *
 * <p>DJL must stay offline: run with {@code -Dai.djl.offline=true} and {@code RUST_FLAVOR=cpu} (the embedder sets
 * both as system properties when they are missing) and, on Java 24+, {@code --enable-native-access=ALL-UNNAMED}.
 * The shipped labelled examples, {@code io/cognitivecdc/llm/local/visit-type-examples.csv} (2,000 clinic visit notes
 * labelled emergency, inpatient, outpatient, telehealth, urgent_care), come from
 * {@code io.cognitivecdc.benchmarks.VisitNotes} in the benchmarks module.
 */
package io.cognitivecdc.llm.local;
