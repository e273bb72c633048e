/** 1-based position in a source file. */
export interface SourcePosition {
  line: number;
  column: number;
}
