export const now = {
  title: '当前概览',
  firstRunBanner: '这是一个新的安装。',
  firstRunLink: '查看上手步骤',
  incidents: {
    title: '未关闭的事件',
    empty: '没有未关闭的事件。',
    count: (n: number) => `${n} 个`,
    more: '只显示最新的 200 个。',
    all: '查看全部事件',
    drill: '演练',
    services: '影响服务',
  },
  oncall: {
    title: '正在值班',
    empty: '还没有值班表。',
    nobody: '当前无人值班',
    until: (time: string) => `至 ${time}`,
    override: '临时替班',
    someone: (id: string) => `用户 ${id}`,
  },
  monitors: {
    title: '故障中的监控',
    empty: '所有监控均正常。',
    since: (time: string) => `自 ${time}`,
  },
  metrics: {
    title: '近 30 天',
    mtta: '平均确认时间 (MTTA)',
    mttr: '平均解决时间 (MTTR)',
    count: '事件数',
    unavailable: '统计暂不可用。',
  },
};
