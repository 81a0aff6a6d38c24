import { expect } from "vitest";
import { InputError } from "../../src/doc/source.js";

/** The InputError a conversion step refuses `name` with (a test failure when it does not). */
export async function refusedBy(step: () => Promise<unknown>, name: string): Promise<InputError> {
  try {
    await step();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`${name} was not refused`);
}
