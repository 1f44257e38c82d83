import { MODALITIES, type Modality } from './model.ts';

type Row = readonly [inputs: readonly Modality[], outputs: readonly Modality[]];

/**
 * What each task of the Hub's task list (huggingface.co/tasks, `PIPELINE_TYPES` of `@huggingface/tasks`) takes and
 * gives, as its task page describes it. `scores` stands for scored predictions about the input (classes, entities,
 * boxes, keypoints, similarities, relevance), `embedding` for a vector. Tasks whose inputs or outputs are none of
 * these (reinforcement learning, robotics, graphs, `other`) and `any-to-any`, whose model card says which, name none:
 * a router is told nothing rather than a guess. A test keeps the table equal to the Hub's list.
 */
export const TASK_MODALITIES: Readonly<Record<string, Row>> = {
  'text-classification': [['text'], ['scores']],
  'token-classification': [['text'], ['scores']],
  'table-question-answering': [['tabular', 'text'], ['text']],
  'question-answering': [['text'], ['text']],
  'zero-shot-classification': [['text'], ['scores']],
  translation: [['text'], ['text']],
  summarization: [['text'], ['text']],
  'feature-extraction': [['text'], ['embedding']],
  'text-generation': [['text'], ['text']],
  'fill-mask': [['text'], ['scores']],
  'sentence-similarity': [['text'], ['scores']],
  'text-to-speech': [['text'], ['audio']],
  'text-to-audio': [['text'], ['audio']],
  'automatic-speech-recognition': [['audio'], ['text']],
  'audio-to-audio': [['audio'], ['audio']],
  'audio-classification': [['audio'], ['scores']],
  'audio-text-to-text': [['audio', 'text'], ['text']],
  'voice-activity-detection': [['audio'], ['scores']],
  'depth-estimation': [['image'], ['image']],
  'image-classification': [['image'], ['scores']],
  'object-detection': [['image'], ['scores']],
  'image-segmentation': [['image'], ['image']],
  'text-to-image': [['text'], ['image']],
  'image-to-text': [['image'], ['text']],
  'image-to-image': [['image'], ['image']],
  'image-to-video': [['image', 'text'], ['video']],
  'unconditional-image-generation': [[], ['image']],
  'video-classification': [['video'], ['scores']],
  'reinforcement-learning': [[], []],
  robotics: [[], []],
  'tabular-classification': [['tabular'], ['tabular']],
  'tabular-regression': [['tabular'], ['tabular']],
  'tabular-to-text': [['tabular'], ['text']],
  'table-to-text': [['tabular'], ['text']],
  'multiple-choice': [['text'], ['scores']],
  'text-ranking': [['text'], ['scores']],
  'text-retrieval': [['text'], ['scores']],
  'time-series-forecasting': [['tabular'], ['tabular']],
  'text-to-video': [['text'], ['video']],
  'image-text-to-text': [['image', 'text'], ['text']],
  'image-text-to-image': [['image', 'text'], ['image']],
  'image-text-to-video': [['image', 'text'], ['video']],
  'visual-question-answering': [['image', 'text'], ['text']],
  'document-question-answering': [['image', 'text'], ['text']],
  'zero-shot-image-classification': [['image', 'text'], ['scores']],
  'graph-ml': [[], []],
  'mask-generation': [['image'], ['image']],
  'zero-shot-object-detection': [['image', 'text'], ['scores']],
  'text-to-3d': [['text'], ['3d']],
  'image-to-3d': [['image'], ['3d']],
  'image-feature-extraction': [['image'], ['embedding']],
  'video-text-to-text': [['video', 'text'], ['text']],
  'keypoint-detection': [['image'], ['scores']],
  'visual-document-retrieval': [['image', 'text'], ['scores']],
  'any-to-any': [[], []],
  'video-to-video': [['video'], ['video']],
  other: [[], []],
};

const NONE: Row = [[], []];

const inOrder = (modalities: readonly Modality[]) => MODALITIES.filter((modality) => modalities.includes(modality));

/**
 * The modalities a model of this task takes and gives, each list in `MODALITIES` order (text first); none for a task
 * the table does not list.
 */
export function modalitiesOf(pipelineTag: string | null): { inputs: Modality[]; outputs: Modality[] } {
  const known = pipelineTag !== null && Object.hasOwn(TASK_MODALITIES, pipelineTag);
  const [inputs, outputs] = known ? TASK_MODALITIES[pipelineTag]! : NONE;
  return { inputs: inOrder(inputs), outputs: inOrder(outputs) };
}
