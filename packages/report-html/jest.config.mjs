/** @type {import('jest').Config} */
export default { displayName: 'report-html', preset: '../../jest.preset.js' };
