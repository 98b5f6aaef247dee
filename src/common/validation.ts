import { ValidateIf } from "class-validator";

/**
 * The field may be left out, but if it is given it must pass its rules: unlike `@IsOptional()`, null is not a way to
 * skip them (null would mean "erase" a value that cannot be erased).
 */
export const OmitOrValid = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
