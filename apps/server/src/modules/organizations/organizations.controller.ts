import { UpdateOrganization, type Organization } from '@msched/contracts';
import { Body, Controller, Get, Patch } from '@nestjs/common';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { CacheScope } from '../../platform/cache/cache-scope';
import { IfMatch } from '../../platform/http/concurrency';
import { zod } from '../../platform/http/zod-validation.pipe';
import { OrganizationsService } from './organizations.service';

// Reference data: cached answers that depend on the settings are dropped when they change.
@CacheScope('reference')
@Controller('api/v1/organization')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Allow('organization.read')
  get(@CurrentPrincipal() principal: Principal): Promise<Organization> {
    return this.organizations.get(principal);
  }

  @Patch()
  @Allow('organization.manage')
  update(
    @CurrentPrincipal() principal: Principal,
    @Body(zod(UpdateOrganization)) body: UpdateOrganization,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<Organization> {
    return this.organizations.update(principal, body, expectedVersion);
  }
}
