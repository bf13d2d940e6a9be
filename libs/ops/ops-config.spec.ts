import { loadOpsConfig } from './ops-config';

describe('ops endpoint settings', () => {
  it('uses the service default port unless OPS_PORT says otherwise', () => {
    expect(loadOpsConfig({}, { port: 9464 })).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(loadOpsConfig({ OPS_PORT: '9100', OPS_HOST: '127.0.0.1' }, { port: 9464 })).toEqual({ host: '127.0.0.1', port: 9100 });
  });

  it('refuses a port outside 0..65535', () => {
    expect(() => loadOpsConfig({ OPS_PORT: '70000' }, { port: 9464 })).toThrow('OPS_PORT: must be an integer from 0 to 65535');
  });
});
