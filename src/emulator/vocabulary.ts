/**
 * Name fragments, owners and task mixes for the generated Hub population. Owners and model families are taken from
 * a 2026-08 snapshot of the real Hub listing and from hf-inference's catalog, so ids look like the Hub's.
 */

/** One model family: the task and library its repos carry, typical names, and parameter counts. */
export interface Family {
  task: string | null;
  library: string | null;
  /** Owners that publish the canonical checkpoints of this family. */
  owners: readonly string[];
  bases: readonly string[];
  /** Suffixes that finetunes and re-uploads append to a base name. */
  variants: readonly string[];
  /** Parameter count range, log-uniform. */
  params: readonly [number, number];
  dtype: 'F32' | 'F16' | 'BF16';
  extraTags: readonly string[];
  /** Mapping task used by hf-inference (and others) when it differs from the pipeline tag. */
  mappingTask?: string;
}

const M = 1e6;
const B = 1e9;

const CLASSIFICATION_VARIANTS = [
  '-finetuned-sst-2-english', '-finetuned-emotion', '-sentiment', '-imdb', '-go-emotions', '-toxicity',
  '-spam-detection', '-fake-news', '-finetuned-tweet-eval', '-sentiment-latest', '-finetuned-amazon-reviews',
  '-hate-speech', '-intent', '-news-topic', '-finetuned-financial-phrasebank', '-emotion-english', '-ai-detector',
  '-prompt-injection', '-nli', '-mnli', '-finetuned-cola', '-multilabel',
];
const EMBEDDING_VARIANTS = [
  '-v1.5', '-v2', '-onnx', '-int8', '-quantized', '-legal', '-medical', '-finetuned-msmarco', '-matryoshka',
  '-course-recommender', '-nq', '-gooaq', '-triplets', '-stsb', '-scifact', '-code-search', '-faq-retrieval',
  '-product-search', '-finance-matryoshka', '-ko', '-de', '-fr', '-es', '-ja', '-pt', '-arabic', '-vi',
];
const TOKEN_VARIANTS = [
  '-NER', '-ner', '-finetuned-conll03-english', '-pos', '-posp-tagger', '-pii', '-deidentifier',
  '-finetuned-ner', '-wikiann', '-ontonotes', '-chunking', '-punctuation', '-biomedical-ner', '-address-parser',
];
const GENERIC_VARIANTS = [
  '-finetuned', '-v2', '-v3', '-onnx', '-distilled', '-small', '-tiny', '-base', '-large', '-int8', '-pruned',
  '-ft', '-lora', '-merged', '-exp', '-demo', '-test', '-checkpoint-1000', '-epoch3', '-custom',
];
const ASR_VARIANTS = [
  '-hi', '-ar', '-de', '-fr', '-es', '-ja', '-ko', '-pt', '-ru', '-tr', '-vi', '-id', '-sw', '-bn', '-ur', '-fa',
  '-finetuned-common-voice', '-librispeech', '-medical', '-ct2', '-int8', '-timestamped', '-children',
];
const IMAGE_VARIANTS = [
  '-finetuned-food101', '-finetuned-cifar10', '-finetuned-eurosat', '-plant-disease', '-brain-tumor',
  '-fer2013', '-age-detection', '-deepfake-detection', '-nsfw', '-xray', '-dogs-vs-cats', '-beans',
  '-skin-cancer', '-document-classifier', '-weather', '-finetuned-oxford-pets',
];
const DETECTION_VARIANTS = [
  '-finetuned-coco', '-license-plate', '-table-detection', '-fashionpedia', '-balloon', '-hard-hat',
  '-fruits', '-signature-detection', '-cppe5', '-layout', '-aerial',
];
const DIFFUSION_VARIANTS = [
  '-anime', '-photoreal', '-pixel-art', '-lora', '-dreambooth', '-turbo', '-lightning', '-realistic',
  '-watercolor', '-sketch', '-v2', '-inpainting', '-fp16', '-portrait', '-logo', '-interior-design',
];
const LLM_VARIANTS = [
  '-Instruct', '-GGUF', '-AWQ', '-GPTQ', '-FP8', '-abliterated', '-uncensored', '-4bit', '-bnb-4bit',
  '-finetuned', '-sft', '-dpo', '-grpo', '-orpo', '-lora', '-merged', '-Chat', '-Reasoning', '-roleplay',
  '-math', '-coder', '-medical', '-legal', '-MLX-4bit', '-exl2', '-i1-GGUF',
];
const TRANSLATION_PAIRS = [
  'en-de', 'de-en', 'en-fr', 'fr-en', 'en-es', 'es-en', 'en-zh', 'zh-en', 'en-ru', 'ru-en', 'en-ar', 'ar-en',
  'en-it', 'it-en', 'en-jap', 'ja-en', 'en-hi', 'hi-en', 'en-nl', 'nl-en', 'en-ROMANCE', 'mul-en', 'en-mul',
  'tc-big-en-tr', 'tr-en', 'en-ko', 'ko-en', 'en-vi', 'vi-en', 'en-id', 'id-en', 'en-sv', 'sv-en', 'fi-en',
  'en-fi', 'en-uk', 'uk-en', 'pl-en', 'en-pl', 'cs-en', 'en-cs', 'da-en', 'en-da', 'en-he', 'he-en', 'th-en',
];

export const FAMILIES_HF_INFERENCE: readonly (readonly [Family, number])[] = [
  [{
    task: 'feature-extraction', library: 'sentence-transformers',
    owners: ['sentence-transformers', 'BAAI', 'intfloat', 'thenlper', 'Alibaba-NLP', 'nomic-ai', 'mixedbread-ai', 'jinaai', 'Snowflake', 'ibm-granite', 'google', 'Qwen'],
    bases: ['all-MiniLM-L6-v2', 'all-MiniLM-L12-v2', 'all-mpnet-base-v2', 'bge-small-en-v1.5', 'bge-base-en-v1.5', 'bge-large-en-v1.5', 'bge-m3', 'e5-small-v2', 'e5-base-v2', 'e5-large-v2', 'multilingual-e5-small', 'multilingual-e5-base', 'multilingual-e5-large', 'gte-small', 'gte-base', 'gte-large', 'gte-multilingual-base', 'nomic-embed-text-v1.5', 'mxbai-embed-large-v1', 'jina-embeddings-v2-base-en', 'snowflake-arctic-embed-m', 'granite-embedding-small-english-r2', 'embeddinggemma-300m', 'Qwen3-Embedding-0.6B', 'bge-small-zh-v1.5'],
    variants: EMBEDDING_VARIANTS, params: [20 * M, 600 * M], dtype: 'F32',
    extraTags: ['sentence-similarity', 'text-embeddings-inference'],
  }, 15],
  [{
    task: 'sentence-similarity', library: 'sentence-transformers',
    owners: ['sentence-transformers', 'jhgan', 'dangvantuan', 'cointegrated', 'hiiamsid', 'BAAI', 'intfloat', 'Lajavaness', 'sentence-transformers-testing'],
    bases: ['paraphrase-multilingual-MiniLM-L12-v2', 'paraphrase-multilingual-mpnet-base-v2', 'paraphrase-MiniLM-L6-v2', 'paraphrase-mpnet-base-v2', 'multi-qa-MiniLM-L6-cos-v1', 'multi-qa-mpnet-base-dot-v1', 'all-distilroberta-v1', 'distiluse-base-multilingual-cased-v2', 'LaBSE', 'ko-sroberta-multitask', 'sentence-camembert-large', 'rubert-tiny2', 'msmarco-distilbert-base-v4', 'stsb-xlm-r-multilingual', 'sbert-chinese-general-v2', 'sentence-t5-base', 'gtr-t5-base'],
    variants: EMBEDDING_VARIANTS, params: [15 * M, 500 * M], dtype: 'F32',
    extraTags: ['feature-extraction', 'text-embeddings-inference'],
  }, 13],
  [{
    task: 'text-classification', library: 'transformers',
    owners: ['distilbert', 'cardiffnlp', 'ProsusAI', 'nlptown', 'j-hartmann', 'SamLowe', 'unitary', 'papluca', 'mrm8488', 'finiteautomata', 'lxyuan', 'meta-llama', 'protectai', 'cross-encoder', 'BAAI', 'martin-ha', 'tabularisai', 'michellejieli'],
    bases: ['distilbert-base-uncased-finetuned-sst-2-english', 'twitter-roberta-base-sentiment-latest', 'finbert', 'bert-base-multilingual-uncased-sentiment', 'emotion-english-distilroberta-base', 'roberta-base-go_emotions', 'toxic-bert', 'xlm-roberta-base-language-detection', 'distilroberta-finetuned-financial-news-sentiment-analysis', 'bertweet-base-sentiment-analysis', 'distilbert-base-multilingual-cased-sentiments-student', 'Prompt-Guard-86M', 'deberta-v3-base-prompt-injection-v2', 'ms-marco-MiniLM-L6-v2', 'bge-reranker-base', 'bge-reranker-v2-m3', 'toxic-comment-model', 'multilingual-sentiment-analysis', 'emotion_text_classifier', 'twitter-xlm-roberta-base-sentiment', 'roberta-large-mnli', 'deberta-v3-small', 'electra-base-discriminator', 'albert-base-v2', 'koelectra-small-v3-nsmc'],
    variants: CLASSIFICATION_VARIANTS, params: [4 * M, 560 * M], dtype: 'F32',
    extraTags: ['autotrain_compatible', 'text-embeddings-inference'],
  }, 17],
  [{
    task: 'token-classification', library: 'transformers',
    owners: ['dslim', 'dbmdz', 'Jean-Baptiste', 'Davlan', 'StanfordAIMI', 'w11wo', 'oliverguhr', 'Babelscape', 'flair', 'ml6team', 'iiiorg', 'openai'],
    bases: ['bert-base-NER', 'bert-large-NER', 'bert-large-cased-finetuned-conll03-english', 'camembert-ner', 'xlm-roberta-base-ner-hrl', 'stanford-deidentifier-base', 'indonesian-roberta-base-posp-tagger', 'fullstop-punctuation-multilang-large', 'wikineural-multilingual-ner', 'roberta-large-ner-english', 'distilbert-NER', 'deberta-v3-base-ner', 'bert-base-turkish-cased-ner', 'privacy-filter', 'piiranha-v1-detect-personal-information', 'biomedical-ner-all'],
    variants: TOKEN_VARIANTS, params: [60 * M, 560 * M], dtype: 'F32', extraTags: ['autotrain_compatible'],
  }, 8],
  [{
    task: 'fill-mask', library: 'transformers',
    owners: ['google-bert', 'FacebookAI', 'distilbert', 'microsoft', 'answerdotai', 'almanach', 'neuralmind', 'emilyalsentzer', 'dbmdz', 'cambridgeltl', 'dccuchile', 'nlpaueb', 'GroNLP', 'allegro', 'klue'],
    bases: ['bert-base-uncased', 'bert-base-cased', 'bert-large-uncased', 'bert-base-multilingual-cased', 'bert-base-multilingual-uncased', 'bert-base-chinese', 'roberta-base', 'roberta-large', 'xlm-roberta-base', 'xlm-roberta-large', 'distilbert-base-uncased', 'distilroberta-base', 'deberta-v3-base', 'mdeberta-v3-base', 'ModernBERT-base', 'ModernBERT-large', 'camembert-base', 'bert-large-portuguese-cased', 'Bio_ClinicalBERT', 'SapBERT-from-PubMedBERT-fulltext', 'bert-base-spanish-wwm-cased', 'legal-bert-base-uncased', 'bert-base-dutch-cased', 'herbert-base-cased', 'roberta-base-korean'],
    variants: GENERIC_VARIANTS, params: [60 * M, 560 * M], dtype: 'F32', extraTags: ['autotrain_compatible'],
  }, 8],
  [{
    task: 'translation', library: 'transformers',
    owners: ['Helsinki-NLP', 'facebook', 'google-t5', 'tencent', 'utter-project', 'unicamp-dl', 'VietAI'],
    bases: TRANSLATION_PAIRS.map((pair) => `opus-mt-${pair}`).concat(['nllb-200-distilled-600M', 'nllb-200-distilled-1.3B', 'm2m100_418M', 'm2m100_1.2B', 'mbart-large-50-many-to-many-mmt', 't5-small', 't5-base', 'madlad400-3b-mt', 'HY-MT1.5-1.8B', 'envit5-translation']),
    variants: ['-finetuned', '-ct2', '-onnx', '-legal', '-medical', '-v2', '-tatoeba', '-finetuned-kde4', '-big'],
    params: [70 * M, 1.8 * B], dtype: 'F32', extraTags: ['marian', 'text2text-generation'],
  }, 8],
  [{
    task: 'summarization', library: 'transformers',
    owners: ['facebook', 'google', 'sshleifer', 'philschmid', 'pszemraj', 'csebuetnlp', 'Falconsai', 'slauw87', 'knkarthick'],
    bases: ['bart-large-cnn', 'bart-large-xsum', 'distilbart-cnn-12-6', 'distilbart-xsum-12-6', 'pegasus-xsum', 'pegasus-large', 'pegasus-cnn_dailymail', 'led-base-16384', 'long-t5-tglobal-base', 'mT5_multilingual_XLSum', 'text_summarization', 'bart-large-cnn-samsum', 'MEETING_SUMMARY', 'flan-t5-base-samsum'],
    variants: ['-samsum', '-finetuned-cnn', '-booksum', '-arxiv', '-pubmed', '-dialogsum', '-news', '-legal', '-v2'],
    params: [60 * M, 600 * M], dtype: 'F32', extraTags: ['text2text-generation'],
  }, 4],
  [{
    task: 'question-answering', library: 'transformers',
    owners: ['deepset', 'distilbert', 'google-bert', 'timpal0l', 'mrm8488', 'csarron', 'Intel', 'uer'],
    bases: ['roberta-base-squad2', 'roberta-large-squad2', 'deberta-v3-base-squad2', 'distilbert-base-cased-distilled-squad', 'distilbert-base-uncased-distilled-squad', 'bert-large-uncased-whole-word-masking-finetuned-squad', 'mdeberta-v3-base-squad2', 'xlm-roberta-large-squad2', 'tinyroberta-squad2', 'minilm-uncased-squad2', 'bert-base-chinese-finetuned-squad'],
    variants: ['-finetuned-squad', '-squad_v2', '-covid-qa', '-tydiqa', '-finetuned-subjqa', '-medical-qa', '-legal-qa', '-v2'],
    params: [60 * M, 560 * M], dtype: 'F32', extraTags: ['autotrain_compatible'],
  }, 5],
  [{
    task: 'zero-shot-classification', library: 'transformers',
    owners: ['facebook', 'MoritzLaurer', 'joeddav', 'cross-encoder', 'valhalla', 'typeform'],
    bases: ['bart-large-mnli', 'mDeBERTa-v3-base-mnli-xnli', 'deberta-v3-large-zeroshot-v2.0', 'DeBERTa-v3-base-mnli-fever-anli', 'xlm-roberta-large-xnli', 'nli-deberta-v3-small', 'distilbart-mnli-12-1', 'ModernBERT-large-zeroshot-v2.0', 'mobilebert-uncased-mnli'],
    variants: ['-finetuned', '-xnli', '-anli', '-v2', '-multilingual', '-onnx'],
    params: [20 * M, 600 * M], dtype: 'F32', extraTags: ['autotrain_compatible'],
  }, 3],
  [{
    task: 'automatic-speech-recognition', library: 'transformers',
    owners: ['openai', 'facebook', 'jonatasgrosman', 'distil-whisper', 'nvidia', 'Systran', 'vinai', 'ylacombe'],
    bases: ['whisper-tiny', 'whisper-base', 'whisper-small', 'whisper-medium', 'whisper-large-v2', 'whisper-large-v3', 'whisper-large-v3-turbo', 'distil-large-v3', 'wav2vec2-base-960h', 'wav2vec2-large-960h-lv60-self', 'wav2vec2-large-xlsr-53-english', 'wav2vec2-large-xlsr-53-arabic', 'wav2vec2-large-xlsr-53-japanese', 'w2v-bert-2.0', 'hubert-large-ls960-ft', 'mms-1b-all', 'seamless-m4t-v2-large'],
    variants: ASR_VARIANTS, params: [39 * M, 1.6 * B], dtype: 'F32', extraTags: ['audio', 'hf-asr-leaderboard'],
  }, 5],
  [{
    task: 'image-classification', library: 'transformers',
    owners: ['google', 'microsoft', 'Falconsai', 'facebook', 'nvidia', 'dima806', 'rizvandwiki', 'nateraw', 'apple', 'Organika'],
    bases: ['vit-base-patch16-224', 'vit-base-patch16-224-in21k', 'vit-large-patch16-224', 'resnet-50', 'resnet-18', 'convnext-tiny-224', 'convnext-large-224', 'nsfw_image_detection', 'swin-tiny-patch4-window7-224', 'beit-base-patch16-224', 'mit-b0', 'efficientnet-b0', 'mobilevit-small', 'dinov2-small-imagenet1k-1-layer', 'fairface_age_image_detection', 'gender-classification', 'sdxl-detector', 'deit-base-distilled-patch16-224'],
    variants: IMAGE_VARIANTS, params: [3 * M, 300 * M], dtype: 'F32', extraTags: ['vision'],
  }, 4],
  [{
    task: 'image-classification', library: 'timm',
    owners: ['timm'],
    bases: ['resnet50.a1_in1k', 'resnet18.a1_in1k', 'resnet18.a3_in1k', 'mobilenetv3_small_100.lamb_in1k', 'mobilenetv3_large_100.ra_in1k', 'tf_efficientnetv2_s.in21k_ft_in1k', 'efficientnet_b0.ra_in1k', 'convnext_tiny.fb_in22k', 'vit_base_patch16_224.augreg2_in21k_ft_in1k', 'vit_small_patch14_dinov2.lvd142m', 'regnety_040.ra3_in1k', 'inception_v3.tv_in1k', 'densenet121.tv_in1k', 'eva02_large_patch14_448.mim_m38m_ft_in22k_in1k', 'swin_base_patch4_window7_224.ms_in22k_ft_in1k', 'levit_128s.fb_dist_in1k', 'mobilevitv2_050.cvnets_in1k', 'rexnet_100.nav_in1k'],
    variants: ['.in1k', '.ft_in1k', '-finetuned', '-plant-disease', '-chest-xray'], params: [2 * M, 300 * M], dtype: 'F32',
    extraTags: ['image-feature-extraction'],
  }, 2],
  [{
    task: 'object-detection', library: 'transformers',
    owners: ['facebook', 'hustvl', 'PekingU', 'microsoft', 'SenseTime', 'keremberke', 'IDEA-Research'],
    bases: ['detr-resnet-50', 'detr-resnet-101', 'yolos-tiny', 'yolos-small', 'rtdetr_r50vd', 'rtdetr_v2_r18vd', 'table-transformer-detection', 'table-transformer-structure-recognition', 'conditional-detr-resnet-50', 'deformable-detr', 'grounding-dino-tiny', 'owlv2-base-patch16-ensemble'],
    variants: DETECTION_VARIANTS, params: [6 * M, 230 * M], dtype: 'F32', extraTags: ['vision'],
  }, 3],
  [{
    task: 'image-segmentation', library: 'transformers',
    owners: ['nvidia', 'facebook', 'mattmdjaga', 'briaai', 'jonathandinu', 'CIDAS', 'ZhengPeng7'],
    bases: ['segformer-b0-finetuned-ade-512-512', 'segformer-b2-clothes', 'mask2former-swin-large-coco-panoptic', 'maskformer-swin-base-coco', 'RMBG-1.4', 'RMBG-2.0', 'face-parsing', 'clipseg-rd64-refined', 'BiRefNet', 'detr-resnet-50-panoptic'],
    variants: ['-finetuned-ade', '-sidewalk', '-clothes', '-cityscapes', '-lungs', '-roads', '-v2'],
    params: [3 * M, 220 * M], dtype: 'F32', extraTags: ['vision'],
  }, 2],
  [{
    task: 'text-to-image', library: 'diffusers',
    owners: ['stabilityai', 'black-forest-labs', 'stable-diffusion-v1-5', 'CompVis', 'prompthero', 'dreamlike-art', 'hakurei', 'Lykon', 'SG161222', 'ByteDance', 'playgroundai'],
    bases: ['stable-diffusion-xl-base-1.0', 'stable-diffusion-v1-5', 'stable-diffusion-2-1', 'sdxl-turbo', 'sd-turbo', 'FLUX.1-dev', 'FLUX.1-schnell', 'openjourney', 'dreamlike-photoreal-2.0', 'waifu-diffusion', 'dreamshaper-8', 'Realistic_Vision_V5.1_noVAE', 'SDXL-Lightning', 'playground-v2.5-1024px-aesthetic', 'stable-diffusion-3.5-large'],
    variants: DIFFUSION_VARIANTS, params: [860 * M, 12 * B], dtype: 'F16', extraTags: ['stable-diffusion', 'diffusers:StableDiffusionPipeline'],
  }, 3],
  [{
    task: 'text-generation', library: 'transformers',
    owners: ['openai-community', 'distilbert', 'HuggingFaceTB', 'TinyLlama', 'Qwen', 'microsoft', 'EleutherAI', 'bigscience'],
    bases: ['gpt2', 'gpt2-medium', 'distilgpt2', 'SmolLM2-135M-Instruct', 'SmolLM2-360M-Instruct', 'SmolLM2-1.7B-Instruct', 'TinyLlama-1.1B-Chat-v1.0', 'Qwen2.5-0.5B-Instruct', 'Qwen2.5-1.5B-Instruct', 'Qwen3-0.6B', 'phi-2', 'pythia-160m', 'bloomz-560m', 'DialoGPT-medium'],
    variants: LLM_VARIANTS, params: [80 * M, 2 * B], dtype: 'BF16', extraTags: ['conversational', 'text-generation-inference'],
    mappingTask: 'conversational',
  }, 2],
  [{
    task: null, library: 'transformers',
    owners: ['google', 'microsoft', 'facebook', 'Salesforce', 'nvidia'],
    bases: ['mt5-small', 'byt5-small', 'canine-s', 'layoutlmv3-base', 'esm2_t33_650M_UR50D', 'codet5-base', 'mit-b2', 'dinov2-base'],
    variants: GENERIC_VARIANTS, params: [50 * M, 700 * M], dtype: 'F32', extraTags: [],
    mappingTask: 'feature-extraction',
  }, 2],
];

/** Models that only other providers serve: mostly LLMs, image and video generation, a few embeddings. */
export const FAMILIES_OTHER_PROVIDERS: readonly (readonly [Family, number])[] = [
  [{
    task: 'text-generation', library: 'transformers',
    owners: ['meta-llama', 'Qwen', 'deepseek-ai', 'mistralai', 'google', 'microsoft', 'moonshotai', 'zai-org', 'MiniMaxAI', 'openai', 'NousResearch', 'allenai', 'CohereLabs', 'ibm-granite', 'tiiuae', 'nvidia', 'baidu', 'tencent', 'XiaomiMiMo', 'swiss-ai'],
    bases: ['Llama-3.1-8B-Instruct', 'Llama-3.3-70B-Instruct', 'Llama-3.1-405B-Instruct', 'Qwen3-32B', 'Qwen3-235B-A22B', 'Qwen2.5-72B-Instruct', 'Qwen3-Coder-480B-A35B-Instruct', 'DeepSeek-R1', 'DeepSeek-V3.1', 'DeepSeek-R1-Distill-Qwen-32B', 'Mistral-7B-Instruct-v0.3', 'Mistral-Small-3.2-24B-Instruct-2506', 'gemma-2-9b-it', 'gemma-3-27b-it', 'Phi-4', 'Kimi-K2-Instruct', 'Kimi-K2-Thinking', 'GLM-4.6', 'MiniMax-M2', 'gpt-oss-120b', 'gpt-oss-20b', 'Hermes-3-Llama-3.1-8B', 'OLMo-2-1124-13B-Instruct', 'c4ai-command-r-plus', 'granite-3.3-8b-instruct', 'Falcon3-10B-Instruct', 'Llama-3.1-Nemotron-70B-Instruct-HF', 'ERNIE-4.5-21B-A3B-PT', 'Hunyuan-A13B-Instruct', 'MiMo-7B-RL', 'Apertus-8B-Instruct-2509'],
    variants: LLM_VARIANTS, params: [1 * B, 700 * B], dtype: 'BF16', extraTags: ['conversational', 'text-generation-inference'],
    mappingTask: 'conversational',
  }, 55],
  [{
    task: 'image-text-to-text', library: 'transformers',
    owners: ['Qwen', 'google', 'meta-llama', 'mistralai', 'zai-org', 'CohereLabs', 'llava-hf'],
    bases: ['Qwen2.5-VL-7B-Instruct', 'Qwen2.5-VL-72B-Instruct', 'Qwen3-VL-235B-A22B-Instruct', 'gemma-3-12b-it', 'Llama-4-Scout-17B-16E-Instruct', 'Llama-4-Maverick-17B-128E-Instruct', 'GLM-4.5V', 'aya-vision-32b', 'llava-1.5-7b-hf', 'Mistral-Small-3.1-24B-Instruct-2503'],
    variants: LLM_VARIANTS, params: [2 * B, 400 * B], dtype: 'BF16', extraTags: ['conversational', 'multimodal'],
    mappingTask: 'conversational',
  }, 15],
  [{
    task: 'text-to-image', library: 'diffusers',
    owners: ['black-forest-labs', 'stabilityai', 'Qwen', 'HiDream-ai', 'Tongyi-MAI', 'ByteDance', 'tencent'],
    bases: ['FLUX.1-dev', 'FLUX.1-Krea-dev', 'FLUX.1-Kontext-dev', 'stable-diffusion-3.5-large', 'Qwen-Image', 'HiDream-I1-Full', 'Z-Image-Turbo', 'HunyuanImage-2.1', 'SDXL-Lightning'],
    variants: DIFFUSION_VARIANTS, params: [2 * B, 20 * B], dtype: 'BF16', extraTags: ['diffusers:FluxPipeline'],
  }, 12],
  [{
    task: 'text-to-video', library: 'diffusers',
    owners: ['Wan-AI', 'Lightricks', 'tencent', 'genmo'],
    bases: ['Wan2.2-T2V-A14B', 'Wan2.1-T2V-14B', 'LTX-Video', 'HunyuanVideo', 'mochi-1-preview'],
    variants: DIFFUSION_VARIANTS, params: [2 * B, 27 * B], dtype: 'BF16', extraTags: [],
  }, 6],
  [{
    task: 'feature-extraction', library: 'sentence-transformers',
    owners: ['Qwen', 'BAAI', 'intfloat', 'nvidia'],
    bases: ['Qwen3-Embedding-8B', 'Qwen3-Embedding-4B', 'bge-multilingual-gemma2', 'e5-mistral-7b-instruct', 'NV-Embed-v2'],
    variants: EMBEDDING_VARIANTS, params: [1 * B, 9 * B], dtype: 'BF16', extraTags: ['sentence-similarity', 'text-embeddings-inference'],
  }, 6],
  [{
    task: 'automatic-speech-recognition', library: 'transformers',
    owners: ['openai', 'nvidia', 'mistralai'],
    bases: ['whisper-large-v3', 'whisper-large-v3-turbo', 'parakeet-tdt-0.6b-v2', 'Voxtral-Mini-3B-2507'],
    variants: ASR_VARIANTS, params: [600 * M, 3 * B], dtype: 'BF16', extraTags: ['audio'],
  }, 4],
  [{
    task: 'text-to-speech', library: null,
    owners: ['hexgrad', 'ResembleAI', 'nari-labs', 'fishaudio'],
    bases: ['Kokoro-82M', 'chatterbox', 'Dia-1.6B', 'openaudio-s1-mini'],
    variants: GENERIC_VARIANTS, params: [80 * M, 2 * B], dtype: 'F32', extraTags: [],
  }, 2],
];

/** Everything else on the Hub: what no provider serves. */
export const FAMILIES_UNSERVED: readonly (readonly [Family, number])[] = [
  ...FAMILIES_HF_INFERENCE.map(([family, weight]) => [family, weight] as const),
  ...FAMILIES_OTHER_PROVIDERS.map(([family, weight]) => [family, weight * 0.8] as const),
  [{
    task: null, library: null,
    owners: ['Comfy-Org', 'lllyasviel', 'city96', 'Kijai', 'h94', 'xinsir', 'webui'],
    bases: ['ControlNet-v1-1', 'sd_control_collection', 'flux_text_encoders', 'IP-Adapter', 'ComfyUI_models', 'stable-diffusion-webui-assets', 'controlnet-union-sdxl-1.0'],
    variants: GENERIC_VARIANTS, params: [100 * M, 12 * B], dtype: 'F16', extraTags: [],
  }, 10],
  [{
    task: 'time-series-forecasting', library: 'chronos-forecasting',
    owners: ['amazon', 'autogluon', 'google', 'Salesforce'],
    bases: ['chronos-t5-small', 'chronos-bolt-base', 'chronos-2', 'timesfm-2.0-500m-pytorch', 'moirai-1.1-R-large'],
    variants: GENERIC_VARIANTS, params: [8 * M, 700 * M], dtype: 'F32', extraTags: [],
  }, 3],
  [{
    task: 'text-generation', library: 'gguf',
    owners: ['unsloth', 'bartowski', 'mradermacher', 'lmstudio-community', 'TheBloke', 'QuantFactory'],
    bases: ['Llama-3.2-3B-Instruct-GGUF', 'Qwen3-8B-GGUF', 'gemma-3-4b-it-GGUF', 'Mistral-Nemo-Instruct-2407-GGUF', 'Phi-3.5-mini-instruct-GGUF', 'DeepSeek-R1-Distill-Llama-8B-GGUF'],
    variants: ['-Q4_K_M', '-Q8_0', '-i1', '-imatrix', '-abliterated', '-uncensored', '-IQ4_XS'],
    params: [1 * B, 70 * B], dtype: 'BF16', extraTags: ['conversational', 'llama-cpp'],
  }, 10],
];

/** Well-known organisations that also publish finetunes and re-uploads of other families. */
export const EXTRA_ORGS: readonly string[] = [
  '01-ai', 'Alibaba-NLP', 'BAAI', 'Bingsu', 'ByteDance-Seed', 'CohereLabs', 'EleutherAI', 'FacebookAI', 'Helsinki-NLP',
  'HuggingFaceH4', 'HuggingFaceTB', 'RedHatAI', 'Salesforce', 'Xenova', 'allenai', 'amazon', 'apple', 'bigcode',
  'bigscience', 'cardiffnlp', 'cross-encoder', 'deepset', 'facebook', 'google', 'ibm-granite', 'ibm-research',
  'intfloat', 'jinaai', 'laion', 'microsoft', 'mlx-community', 'nvidia', 'onnx-community', 'openai', 'openbmb',
  'pyannote', 'sentence-transformers', 'speechbrain', 'stabilityai', 'tiiuae', 'unsloth', 'Intel', 'optimum',
  'philschmid', 'sshleifer', 'valhalla', 'uer', 'ckiplab', 'cl-tohoku', 'dccuchile', 'flax-community', 'KBLab',
  'NbAiLab', 'Davlan', 'l3cube-pune', 'ai4bharat', 'sdadas', 'sonoisa', 'cointegrated', 'DeepPavlov', 'vinai',
  'nlpaueb', 'law-ai', 'medicalai', 'pritamdeka', 'kornosk', 'yiyanghkust', 'mrm8488', 'nateraw', 'keremberke',
];

const USER_HEADS = [
  'ale', 'alex', 'ana', 'andre', 'arjun', 'ben', 'carlos', 'chen', 'dani', 'david', 'deep', 'dmitry', 'elena', 'emma',
  'fatima', 'felix', 'gabriel', 'hana', 'hugo', 'igor', 'ivan', 'jack', 'jin', 'julia', 'kai', 'kenji', 'kevin',
  'lara', 'leo', 'li', 'lucas', 'maria', 'mario', 'max', 'mei', 'mohamed', 'nadia', 'nico', 'nina', 'omar', 'oscar',
  'pablo', 'priya', 'raj', 'rafael', 'rosa', 'sam', 'sara', 'sofia', 'tom', 'victor', 'wei', 'yuki', 'yusuf', 'zoe',
  'neural', 'tensor', 'byte', 'vector', 'quantum', 'pixel', 'cortex', 'lambda', 'sigma', 'delta', 'nova', 'astro',
  'data', 'ml', 'nlp', 'vision', 'audio', 'open', 'tiny', 'smart', 'hyper', 'meta', 'auto', 'deep', 'zen',
];
const USER_TAILS = [
  '', '', '', 'nlp', 'ml', 'ai', '-ai', '-lab', '_dev', '-research', 'labs', 'hf', '-hf', 'x', 'dev', '-ml', '-nlp',
  'tech', 'works', '-studio', 'coder', 'bot', '_ai', '-ds',
];
const USER_SURNAMES = [
  'smith', 'garcia', 'kim', 'nguyen', 'patel', 'silva', 'rossi', 'muller', 'tanaka', 'wang', 'zhang', 'kumar',
  'sato', 'lopez', 'novak', 'ivanov', 'dubois', 'berg', 'costa', 'haddad', 'okafor', 'ali', 'singh', 'park',
];

/** A generated user or small org name: heads, tails and digits give a few million distinct names. */
export function userName(draw: (n: number) => number): string {
  const head = USER_HEADS[draw(USER_HEADS.length)] as string;
  const style = draw(4);
  if (style === 0) return `${head}${USER_TAILS[draw(USER_TAILS.length)] as string}${draw(1000)}`;
  if (style === 1) return `${head}-${USER_SURNAMES[draw(USER_SURNAMES.length)] as string}`;
  if (style === 2) {
    const cap = head.charAt(0).toUpperCase() + head.slice(1);
    return `${cap}${USER_TAILS[draw(USER_TAILS.length)] as string}${draw(100)}`;
  }
  return `${head}${USER_SURNAMES[draw(USER_SURNAMES.length)] as string}${draw(10000)}`;
}

export const LICENSES = new Map<string, number>([
  ['apache-2.0', 45], ['mit', 25], ['cc-by-4.0', 5], ['cc-by-nc-4.0', 5], ['other', 6], ['openrail', 3],
  ['llama3.1', 2], ['gemma', 2], ['bsd-3-clause', 2], ['afl-3.0', 1], ['cc-by-sa-4.0', 2], ['gpl-3.0', 2],
]);

export const LANGUAGES = new Map<string, number>([
  ['en', 60], ['multilingual', 8], ['zh', 5], ['de', 4], ['fr', 4], ['es', 4], ['ja', 3], ['ru', 3], ['ko', 2],
  ['ar', 2], ['pt', 2], ['it', 2], ['hi', 2], ['vi', 1], ['id', 1], ['tr', 1], ['nl', 1], ['pl', 1],
]);

export const DATASETS = [
  'sentence-transformers/all-nli', 'glue', 'squad_v2', 'conll2003', 'imdb', 'dair-ai/emotion', 'ms_marco',
  'librispeech_asr', 'mozilla-foundation/common_voice_11_0', 'imagenet-1k', 'detection-datasets/coco', 'cnn_dailymail',
  'xsum', 'samsum', 'wikipedia', 'bookcorpus', 'tweet_eval', 'multi_nli', 'go_emotions', 'food101',
];

/** Other inference providers; hf-inference is one among them. */
export const OTHER_PROVIDERS: readonly string[] = [
  'fireworks-ai', 'together', 'novita', 'groq', 'sambanova', 'nebius', 'replicate', 'fal-ai', 'cerebras',
  'featherless-ai', 'hyperbolic', 'nscale', 'cohere', 'scaleway', 'ovhcloud', 'publicai', 'zai-org',
];

/** Providers plausible per mapping task, for realistic mixes. */
export const PROVIDERS_BY_TASK: Readonly<Record<string, readonly string[]>> = {
  conversational: ['fireworks-ai', 'together', 'novita', 'groq', 'sambanova', 'nebius', 'cerebras', 'featherless-ai', 'hyperbolic', 'nscale', 'cohere', 'scaleway', 'ovhcloud', 'publicai', 'zai-org'],
  'text-to-image': ['fal-ai', 'replicate', 'together', 'nebius', 'nscale'],
  'text-to-video': ['fal-ai', 'replicate', 'novita'],
  'feature-extraction': ['nebius', 'sambanova', 'scaleway'],
  'automatic-speech-recognition': ['fal-ai', 'replicate'],
  'text-to-speech': ['fal-ai', 'replicate'],
};
