export const status = {
  incident: { triggered: '已触发', acknowledged: '已确认', mitigated: '已缓解', resolved: '已解决' },
  monitor: { up: '正常', degraded: '性能下降', down: '故障', pending: '等待检查', paused: '已暂停' },
  unknown: (value: string) => `未知状态（${value}）`,
};

export const placeholders = {
  soon: '此页面正在建设中。',
  incidents: '事件列表',
  incident: (n: number) => `事件 #${n}`,
  services: '服务目录',
  service: (id: string) => `服务 ${id}`,
  monitors: '监控',
  monitor: '监控详情',
  oncall: '值班',
  integrations: '集成',
  settings: '设置',
};
