// The test broker lives with the project's tools (the benchmark starts it too).
export * from '../../src/tools/mock-broker.js';
