// The builders under ./testing write files with the docx/exceljs writers: tests and benchmarks
// import them by path, the product never does.
export * from './appendix.types';
export * from './header-mapper';
export { assembleAppendix, describeSource } from './appendix-assembler';
export { cleanCellText, glueText } from './cell-text.util';
export { readTextAppendix } from './text-appendix.reader';
export { readDocxAppendix } from './docx-appendix.reader';
export { readXlsxAppendix } from './xlsx-appendix.reader';
export * from './plan-header.parser';
export * from './plan-parser';
export * from './task-specs';
