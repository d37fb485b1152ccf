/** Input an admin command refused: its sentence is the whole answer (no stack). */
export class AdminInputError extends Error {}
