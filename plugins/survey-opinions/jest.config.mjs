/** @type {import('jest').Config} */
export default { displayName: 'survey-opinions', preset: '../../jest.preset.js' };
