// One field of a schema form, drawn by its kind; objects and arrays draw their children.
import type { FormValue } from './form-values.ts';
import { defaultValue, getAt } from './form-values.ts';
import type { FieldNode, Segment } from './schema-model.ts';
import { keyOf, pointerOf } from './schema-model.ts';

export interface FieldProps {
  readonly node: FieldNode;
  readonly path: readonly Segment[];
  readonly value: FormValue;
  readonly onChange: (path: readonly Segment[], next: FormValue) => void;
  /** Problems by JSON pointer, from the form's own checks or the api's answer. */
  readonly problems: ReadonlyMap<string, string>;
}

function Label({ node }: { node: FieldNode }) {
  return <span>{node.name}{node.required && <span class="required" title="required"> *</span>}</span>;
}

function Hint({ node, problem }: { node: FieldNode; problem: string | undefined }) {
  return (
    <>
      {problem !== undefined && <span class="problem" data-testid={`problem-${'name' in node ? node.name : ''}`}>{problem}</span>}
      {node.description !== undefined && <span class="hint">{node.description.split('\r\n')[0]}</span>}
    </>
  );
}

function leafInput({ node, path, value, onChange }: FieldProps) {
  const text = typeof value === 'string' ? value : '';
  const key = keyOf(path);
  const common = { name: key, 'data-testid': `field-${key}` };
  const set = (next: string) => onChange(path, next);
  if (node.kind === 'boolean') {
    if (node.required) return <input type="checkbox" {...common} checked={text === 'true'} onChange={(e) => set(e.currentTarget.checked ? 'true' : 'false')} />;
    return (
      <select {...common} value={text} onChange={(e) => set(e.currentTarget.value)}>
        <option value="">— not sent —</option><option value="true">true</option><option value="false">false</option>
      </select>
    );
  }
  if (node.kind === 'string' && node.options !== undefined) {
    return (
      <select {...common} value={text} onChange={(e) => set(e.currentTarget.value)}>
        <option value="">{node.required ? '— choose —' : '— not sent —'}</option>
        {node.options.map((option) => <option key={option} value={option}>{option}</option>)}
      </select>
    );
  }
  if (node.kind === 'string' && node.format === 'date-time') {
    return <input type="datetime-local" step={1} {...common} value={text} onInput={(e) => set(e.currentTarget.value)} />;
  }
  if (node.kind === 'integer' || node.kind === 'number') {
    return (
      <input
        type="number" {...common} value={text} min={node.minimum} max={node.maximum}
        step={node.multipleOf ?? (node.kind === 'integer' ? 1 : 'any')} onInput={(e) => set(e.currentTarget.value)}
      />
    );
  }
  if (node.kind === 'json') return <textarea rows={3} {...common} placeholder="JSON" value={text} onInput={(e) => set(e.currentTarget.value)} />;
  const maxLength = node.kind === 'string' ? node.maxLength : undefined;
  if (node.kind === 'string' && node.format === 'uri') {
    return <input type="url" {...common} value={text} maxLength={maxLength} onInput={(e) => set(e.currentTarget.value)} />;
  }
  return <input type="text" {...common} value={text} maxLength={maxLength} onInput={(e) => set(e.currentTarget.value)} />;
}

function ArrayFields(props: FieldProps) {
  const { node, path, value, onChange } = props;
  if (node.kind !== 'array') return null;
  const items = Array.isArray(value) ? value : [];
  const full = node.maxItems !== undefined && items.length >= node.maxItems;
  return (
    <fieldset data-testid={`field-${keyOf(path)}`}>
      <legend><Label node={node} /></legend>
      <Hint node={node} problem={props.problems.get(pointerOf(path))} />
      {items.map((item, index) => (
        <div class="array-item" key={index}>
          <SchemaField {...props} node={{ ...node.item, name: `${node.name}[${index}]` }} path={[...path, index]} value={item} />
          <button type="button" class="link" onClick={() => onChange(path, items.filter((_, i) => i !== index))}>Remove</button>
        </div>
      ))}
      <div>
        <button type="button" disabled={full} data-testid={`add-${keyOf(path)}`} onClick={() => onChange(path, [...items, defaultValue(node.item)])}>
          Add {node.name}
        </button>
      </div>
    </fieldset>
  );
}

export function SchemaField(props: FieldProps) {
  const { node, path, value } = props;
  if (node.kind === 'array') return <ArrayFields {...props} />;
  if (node.kind === 'object') {
    return (
      <fieldset>
        <legend><Label node={node} /></legend>
        <Hint node={node} problem={props.problems.get(pointerOf(path))} />
        {node.fields.map((child) => (
          <SchemaField key={child.name} {...props} node={child} path={[...path, child.name]} value={getAt(value, [child.name]) ?? ''} />
        ))}
      </fieldset>
    );
  }
  const problem = props.problems.get(pointerOf(path));
  return (
    <label class={problem === undefined ? 'field' : 'field has-problem'}>
      <Label node={node} />
      {leafInput(props)}
      <Hint node={node} problem={problem} />
    </label>
  );
}
