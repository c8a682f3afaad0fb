// The dependency graph (components/graph), shared by the incident page and the service catalog.
export const graph = {
  title: '依赖关系图',
  kinds: { facility: '设施', vendor: '供应商', infrastructure: '基础设施', business: '业务' } as Record<string, string>,
  impacts: {
    outage: '中断',
    degraded: '性能下降',
    data_leak: '数据泄露',
    security_attack: '安全攻击',
    vulnerability: '漏洞',
    complaint: '投诉',
    incorrect_results: '结果错误',
    reached: '经依赖受影响',
  } as Record<string, string>,
  summary: (total: number, affected: number) => (affected > 0 ? `共 ${total} 个服务，${affected} 个受影响` : `共 ${total} 个服务`),
  showList: '以列表显示',
  listLabel: '服务及其依赖（列表）',
  dependsOn: (names: string) => `依赖：${names}`,
  noDependencies: '不依赖其他服务',
  affected: (impact: string) => `受影响：${impact}`,
  empty: '服务目录中还没有服务。',
};
