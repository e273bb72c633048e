/**
 * The practices and threats every catalog is measured against (DESIGN §3): the security practices
 * that protect MCP servers, and the threats they answer. `validate` proves each one is covered.
 */

export const PRACTICES: Readonly<Record<string, string>> = {
  P01: 'Treat MCP servers as high-value assets: inventory, ownership, classification',
  P02: 'Role-based access control and least privilege, down to tools, endpoints and data fields',
  P03: 'Multi-factor authentication for all administrative access',
  P04: 'Strong agent authentication (OAuth, scoped API tokens, user ID tokens); no shared static secrets',
  P05: 'Mutual authentication (mTLS) between agents and servers',
  P06: 'Continuous authentication: short-lived credentials, re-verification, rotation',
  P07: "Authorization decided on the requester's identity, never on model output (confused deputy)",
  P08: 'Encryption in transit (TLS end to end, certificate validation)',
  P09: 'Encryption at rest and secrets management',
  P10: 'Input validation and output sanitization (prompt injection, tool poisoning, adversarial input)',
  P11: 'Rate limiting and denial-of-service protection',
  P12: 'Continuous monitoring and detailed logging',
  P13: 'Audit trails of all agent–server interactions',
  P14: 'Detection of anomalous agent behaviour',
  P15: 'Regular security audits and vulnerability assessments',
  P16: 'Timely patching of all components',
  P17: 'Network segmentation and isolation of MCP servers',
  P18: 'Incident response plan, tested',
  P19: 'Software supply-chain security (pinned, verified, reviewed components)',
  P20: 'Integrity of tools and models: malware, backdoors, silent tool-definition changes',
  P21: 'Containment of cascading compromise between servers and agents',
  P22: 'Data governance and minimisation of personal and regulated data',
  P23: 'Transparency of AI operations',
  P24: 'Accountability and human oversight of agent actions',
};

export const THREATS: Readonly<Record<string, string>> = {
  T01: 'Unauthorized access',
  T02: 'Data breach and exfiltration',
  T03: 'Denial of service',
  T04: 'Malware infection',
  T05: 'Data poisoning',
  T06: 'Model inversion and model stealing',
  T07: 'Adversarial input and prompt injection (incl. tool poisoning)',
  T08: 'Backdoors and malicious behaviour',
  T09: 'Cascading compromise across agents and servers',
  T10: 'Compromised or manipulated agent (confused deputy, privilege escalation)',
  T11: 'Supply-chain compromise of the control plane',
  T12: 'Credential theft and token misuse',
};
