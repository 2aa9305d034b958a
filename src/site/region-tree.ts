/** Reports grouped by region path (province → city → county → …), for the index page. */

export interface RegionNode<T> {
  readonly name: string;
  readonly path: readonly string[];
  readonly children: RegionNode<T>[];
  readonly items: T[];
}

/** Build the region tree: each item sits at the node of its full region path, names in pinyin order. */
export function regionTree<T>(items: readonly T[], pathOf: (item: T) => readonly string[]): RegionNode<T> {
  const root: RegionNode<T> = { name: '全部', path: [], children: [], items: [] };
  for (const item of items) {
    let node = root;
    for (const name of pathOf(item)) {
      let child = node.children.find((c) => c.name === name);
      if (!child) {
        child = { name, path: [...node.path, name], children: [], items: [] };
        node.children.push(child);
      }
      node = child;
    }
    node.items.push(item);
  }
  const sort = (n: RegionNode<T>): void => {
    n.children.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}
