/**
 * Rules about whether a field is given: required, the required_* family that makes a field
 * required depending on others, and accepted. The required_* rules run on empty values too.
 */
import { getPath } from '../support/object_path'
import { isAccepted, isFilled } from './form_values'
import { humanise } from './messages'
import { noArgs, otherField, otherGiven, simple, someFields, textOf, type RuleDefinition, type RuleSet } from './rule_kit'

/** A rule that requires the field whenever `applies` says so, and is silent otherwise. */
function requiredWhen (
  checkArgs: RuleDefinition['checkArgs'],
  applies: (data: unknown, args: readonly string[]) => boolean,
  reason: (args: readonly string[]) => string
): RuleDefinition {
  return {
    implicit: true,
    checkArgs,
    build: (args) => ({
      test: (value, data) => !applies(data, args) || isFilled(value),
      message: (label) => `The ${label} field is required ${reason(args)}.`,
    }),
  }
}

const fieldNames = (args: readonly string[], joiner: string) => args.map(humanise).join(joiner)

function fieldAndValue (args: readonly string[]): string | undefined {
  return args.length === 2 && args[0] !== '' ? undefined : "needs another field and a value, as in 'required_when:country,US'"
}

/** The rules of this family, by name. */
export const PRESENCE_RULES: RuleSet = {
  required: { implicit: true, checkArgs: noArgs, build: () => ({ test: isFilled, message: (label) => `The ${label} field is required.` }) },
  required_if: requiredWhen(otherField('required_if:password'),
    (data, [other]) => otherGiven(data, other!),
    ([other]) => `when ${humanise(other!)} is given`),
  // The other field's value is compared as text, like in: a JSON 1 matches 'required_when:plan,1'.
  required_when: requiredWhen(fieldAndValue,
    (data, [other, expected]) => otherGiven(data, other!) && textOf(getPath(data, other!)) === expected,
    ([other, expected]) => `when ${humanise(other!)} is ${expected}`),
  required_with_any: requiredWhen(someFields('required_with_any:email,phone'),
    (data, others) => others.some((other) => otherGiven(data, other)),
    (others) => `when ${fieldNames(others, ' or ')} is given`),
  required_with_all: requiredWhen(someFields('required_with_all:street,city'),
    (data, others) => others.every((other) => otherGiven(data, other)),
    (others) => `when ${fieldNames(others, ' and ')} are given`),
  required_without_any: requiredWhen(someFields('required_without_any:email,phone'),
    (data, others) => others.some((other) => !otherGiven(data, other)),
    (others) => `when ${fieldNames(others, ' or ')} is missing`),
  required_without_all: requiredWhen(someFields('required_without_all:email,phone'),
    (data, others) => others.every((other) => !otherGiven(data, other)),
    (others) => `when ${fieldNames(others, ' and ')} are missing`),
  accepted: simple(isAccepted, (label) => `The ${label} field must be accepted.`),
}
